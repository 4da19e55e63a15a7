"""Staff roles. A person may hold several."""

from flask_babel import lazy_gettext as _l

ADMIN = "admin"
WORKER = "worker"
SAFEGUARDING = "safeguarding"
BOARD = "board"

ALL_ROLES = (ADMIN, WORKER, SAFEGUARDING, BOARD)
ROLE_TITLES = {
    ADMIN: _l("Admin (users, settings, priorities)"),
    WORKER: _l("Participation worker (questionnaires, rounds, moderation, actions, reports)"),
    SAFEGUARDING: _l("Safeguarding lead (flagged answers)"),
    BOARD: _l("Board member (published reports only)"),
}
