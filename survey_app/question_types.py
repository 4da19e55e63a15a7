"""Question types: everything the app knows about each kind of question, in one place.

The loader, the builder, the phone pages, paper entry, analysis and the report all ask this registry;
none of them names a type. Adding a type is one `register(QuestionType(...))` here plus, if it needs
its own look on the phone, its template. No Flask here: analysis/ imports it.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TEXT_LIMIT = 5000


def N_(words: str) -> str:
    """Marks words for the translation catalogue (`pybabel extract -k N_`) and keeps them plain English:
    they are stored in the questionnaire (cached), and translated when a page shows them
    (questionnaire/strings.translate with the interface's gettext). Flask-free, so it lives here;
    survey_app.languages offers it too."""
    return words


@dataclass(frozen=True)
class QuestionType:
    name: str
    title: str  # the builder's words for it
    written: bool = False  # a written answer; otherwise the young person picks from answers
    options: tuple[tuple[str, str], ...] = ()  # its fixed answers (value, words); () = the author lists them
    relabel: bool = False  # the author may reword the fixed answers (their values stay)
    many: bool = False  # tick all that apply
    scale: bool = False  # ordered points "1".."n": shown highest first, with an average
    faces: bool = False  # the phone draws a face beside each point
    positive: tuple[str, ...] = ()  # the answers a headline counts ("27 of 28 are happy where they live")
    negative: tuple[str, ...] = ()  # the other end, for the children's "what should change"; () = the rest
    said_positive: str = ""  # the headline's verb when it counts exactly `positive` ("said yes to")
    max_length: int = 0  # a written answer's default limit
    multiline: bool = False  # a written answer's big box
    template: str = "survey/answer_choices.html"  # how the answer is asked on the phone

    @property
    def choice(self) -> bool:
        return not self.written

    @property
    def fixed_options(self) -> bool:
        return bool(self.options)

    @property
    def author_options(self) -> bool:
        """The author writes the answers (single, multiple)."""
        return self.choice and not self.options

    @property
    def summary(self) -> str:
        """How a round's answers are summarised: "written" (themes, quotes), "scale" (a distribution with
        an average) or "choices" (a count per answer)."""
        return "written" if self.written else "scale" if self.scale else "choices"

    def labels(self) -> dict[str, str]:
        return dict(self.options)


TYPES: dict[str, QuestionType] = {}


def register(question_type: QuestionType) -> QuestionType:
    TYPES[question_type.name] = question_type
    return question_type


def get(name: str) -> QuestionType:
    return TYPES[name]


def known(name: object) -> bool:
    return isinstance(name, str) and name in TYPES


def names() -> tuple[str, ...]:
    return tuple(TYPES)


def choice_names() -> tuple[str, ...]:
    return tuple(name for name, kind in TYPES.items() if kind.choice)


def written_names() -> tuple[str, ...]:
    return tuple(name for name, kind in TYPES.items() if kind.written)


register(QuestionType(
    "yes_no", "Yes / No / Not sure",
    options=(("yes", N_("Yes")), ("no", N_("No")), ("not_sure", N_("Not sure"))),
    positive=("yes",), negative=("no",), said_positive="said yes to",  # "Not sure" is neither end
))
register(QuestionType(
    "smiley3", "Three faces with words (for younger children)",
    options=(("1", N_("Not good")), ("2", N_("OK")), ("3", N_("Good"))), relabel=True,
    scale=True, faces=True, positive=("3",), negative=("1",),
))
register(QuestionType(
    "smiley5", "Five faces with words",
    options=(("1", N_("Very unhappy")), ("2", N_("Unhappy")), ("3", N_("OK")), ("4", N_("Happy")),
             ("5", N_("Very happy"))),
    relabel=True, scale=True, faces=True, positive=("4", "5"), negative=("1", "2"),
))
register(QuestionType("single", "One choice from a list"))
register(QuestionType("multiple", "Tick all that apply", many=True))
register(QuestionType("short_text", "A short written answer (one line)", written=True, max_length=200,
                      template="survey/answer_written.html"))
register(QuestionType("long_text", "A long written answer (a big box)", written=True, max_length=2000,
                      multiline=True, template="survey/answer_written.html"))
