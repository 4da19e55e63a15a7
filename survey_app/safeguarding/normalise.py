"""Text as children write it, made comparable: lower case, no punctuation, common text-speak and
misspellings spelled out ("dnt" → "dont", "sum1" → "someone", "u" → "you"), so the patterns in
worrying_patterns.txt are written once in plain words. Welsh has its own (`normalise_cy`, for
worrying_patterns_cy.txt): accents dropped, apostrophes become spaces, spoken forms spelled one way."""

from __future__ import annotations

import re
import unicodedata

# One word → its usual spelling. Only words that can't mean anything else here.
SPELLINGS = {
    "u": "you", "ur": "your", "r": "are", "ppl": "people", "pple": "people", "bc": "because", "cos": "because",
    "coz": "because", "cuz": "because", "wen": "when", "wat": "what", "wot": "what", "dnt": "dont", "dont": "dont",
    "didnt": "didnt", "cnt": "cant", "cant": "cant", "wont": "wont", "im": "i am", "ive": "i have", "id": "i would",
    "sum1": "someone", "some1": "someone", "sumone": "someone", "sumthing": "something", "som1": "someone",
    "no1": "no one", "noone": "no one", "any1": "anyone", "every1": "everyone", "4": "for", "2": "to",
    "pics": "pictures", "pic": "picture", "pix": "pictures", "nudez": "nudes", "kms": "kill myself",
    "kys": "kill yourself", "gonna": "going to", "wanna": "want to", "gotta": "got to", "tbh": "", "lol": "",
    "scard": "scared", "scaired": "scared", "frightend": "frightened", "abbused": "abused", "bulied": "bullied",
    "bullys": "bullies", "sucide": "suicide", "suiside": "suicide", "suicde": "suicide", "hitted": "hit",
    "hurted": "hurt", "beated": "beat", "kil": "kill", "mom": "mum", "mam": "mum", "mummy": "mum", "daddy": "dad",
    "stepdad": "step dad", "stepmum": "step mum", "bf": "boyfriend", "gf": "girlfriend", "snap": "snapchat",
    "insta": "instagram", "dms": "messages", "dming": "messaging", "dm": "message", "txt": "text",
    "safe": "safe", "saf": "safe", "unsafe": "not safe",
}
_APOSTROPHES = str.maketrans({"’": "", "'": "", "`": "", "‘": ""})
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    words = _NOT_WORD.sub(" ", text.lower().translate(_APOSTROPHES)).split()
    spelled = (SPELLINGS.get(word, word) for word in words)
    return " ".join(word for word in spelled if word)


# Welsh: spoken and text forms → one spelling. Apostrophes become spaces ("dwi'n" → "dwi n").
SPELLINGS_CY = {
    "isio": "eisiau", "isho": "eisiau", "ishe": "eisiau", "eisio": "eisiau", "moyn": "eisiau",
    "adra": "adref", "adre": "adref", "gartre": "adref", "gartref": "adref", "dwin": "dwi n", "fin": "fi n",
    "efo": "gyda", "nath": "wnaeth", "naeth": "wnaeth", "sai": "dwi ddim", "smo": "dim", "plis": "",
    "bant": "i ffwrdd", "mas": "allan", "brwnt": "budr",
}
_APOSTROPHES_CY = str.maketrans({"’": " ", "'": " ", "`": " ", "‘": " "})


def plain_letters(text: str) -> str:
    """Lower case without accents: "ŵ" → "w", "â" → "a" (young people often leave them out)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def normalise_cy(text: str) -> str:
    words = _NOT_WORD.sub(" ", plain_letters(text).translate(_APOSTROPHES_CY)).split()
    spelled = (SPELLINGS_CY.get(word, word) for word in words)
    return " ".join(word for word in spelled if word)
