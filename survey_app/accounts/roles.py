"""Staff roles. A person may hold several."""

ADMIN = "admin"
WORKER = "worker"
SAFEGUARDING = "safeguarding"
BOARD = "board"

ALL_ROLES = (ADMIN, WORKER, SAFEGUARDING, BOARD)
ROLE_TITLES = {
    ADMIN: "Admin (users, settings, priorities)",
    WORKER: "Participation worker (questionnaires, rounds, moderation, actions, reports)",
    SAFEGUARDING: "Safeguarding lead (flagged answers)",
    BOARD: "Board member (published reports only)",
}
