"""Attendance as Danish minutes write it: the labels of participant lists,
the marks and phrases of absence, substitution and partial attendance, and
the words that name organisations rather than people in a list.

Pure data and small pure functions on strings; the reading itself is in
kg/extract/attendance.py."""

from __future__ import annotations

import re

# --- list labels -------------------------------------------------------------

# A label and the kind of list it opens. Kinds: "participants" (those who came,
# or the whole membership when an absent list follows), "members" (the whole
# membership: absentees are subtracted), "absent", "guests", "observers",
# "secretariat". Longest labels first when matching.
LIST_LABELS = {
    "deltagere": "participants", "deltager": "participants", "til stede": "participants",
    "tilstede": "participants", "mødedeltagere": "participants", "deltagerfortegnelse": "participants",
    "mødt": "participants", "fremmødte": "participants", "tilstedeværende": "participants",
    "tilstedeværende medlemmer": "participants", "deltagende medlemmer": "participants",
    "medlemmer": "members", "bestyrelsen": "members", "udvalgsmedlemmer": "members",
    "afbud": "absent", "fraværende": "absent", "fravær": "absent", "forfald": "absent",
    "ikke til stede": "absent", "ikke tilstede": "absent", "ikke mødt": "absent", "meldt afbud": "absent",
    # "Fraværende med afbud:", "Fraværende uden afbud:", "Afbud fra:" open absent lists too.
    "fraværende med afbud": "absent", "fraværende uden afbud": "absent", "afbud fra": "absent",
    "gæster": "guests", "gæst": "guests", "øvrige deltagere": "guests", "inviterede": "guests",
    "observatører": "observers", "observatør": "observers", "tilstedeværende observatører": "observers",
    "sekretariat": "secretariat", "sekretariatet": "secretariat", "fra sekretariatet": "secretariat",
    "referent": "secretariat", "sekretær": "secretariat",
}
_LABEL_WORDS = "|".join(re.escape(k) for k in sorted(LIST_LABELS, key=len, reverse=True))
# A label at the start of a line ("Afbud:", "• Afbud", "Deltagere<TAB>..."),
# with what follows it on the line.
LINE_LABEL = re.compile(rf"^[\s•·*\-–]*({_LABEL_WORDS})\b\s*(?::|\t|$)\s*(.*)$", re.IGNORECASE)
# A label inside a run-on line, written as a heading is (capitalised), and
# followed by a colon or by a capitalised word (the list's first name). A few
# words may qualify it ("Tilstedeværende medlemmer af Rådet").
_CAPITALISED_LABELS = "|".join(re.escape(k[:1].upper() + k[1:])
                               for k in sorted(LIST_LABELS, key=len, reverse=True))
# The look-ahead first: re tries the look-behind and every label only at the
# labels' first letters.
INLINE_LABEL = re.compile(
    rf"(?=[{''.join(sorted({k[0].upper() for k in LIST_LABELS}))}])(?<![\wæøåÆØÅ-])(?P<label>{_CAPITALISED_LABELS})"
    r"(?P<qualifier>\s+(?:af|for|i|fra)\s+(?:det\s+|den\s+|de\s+)?[A-ZÆØÅa-zæøå][\wæøå-]*)?"
    r"(?:\s*:\s*|\s+(?=[A-ZÆØÅ]))"
)
# A pre-check for INLINE_LABEL: its label words alone. Without the
# look-behind in front, re skips to the positions holding one of the labels'
# first letters instead of trying every position of the line.
INLINE_LABEL_WORD = re.compile(_CAPITALISED_LABELS)


# Words that end a list when a run-on page goes on after it: the next part of
# the document, not a name.
LIST_END_WORDS = frozenset("""
    Sagsoversigt Dagsorden Dagsordenen Indholdsfortegnelse Referat Beslutning Beslutninger Bilag Bilagsliste
    Punkt Punkter Pkt Side Mødested Mødedato Mødetidspunkt Sluttidspunkt Tidspunkt Dato Sted Tid Indstilling
    Sagsfremstilling Resume Resumé Baggrund Godkendelse Orientering Meddelelser Eventuelt Bemærkninger Telefon
    Telefax Mail E-mail Godkendt Åben Lukket Sagsnr Sagsnr. Luk Velkomst Formanden Udvalget Bestyrelsen
""".split())

# --- organisations and places in a list ----------------------------------------

# Words that make a run of capitalised words an organisation: "Frederiksberg
# Stadsarkiv", "Statens Arkiver", "BRN Sekretariat", "Finansministeriet".
ORG_WORD = re.compile(
    r"^(?:Kommune|Region|Regionen|Regionsrådet|Sekretariat|Sekretariatet|Statens|Danske|Styrelsen|"
    r"Universitet|Hospital|Sygehus|Forvaltning|Forvaltningen|Administrationen|Fonden|Forening|Foreningen)$"
    r"|(?:ministeriet|styrelsen|kontoret|kontor|arkiv|arkiver|sekretariat|sekretariatet|regionen|"
    r"universitet|hospital|sygehus|forvaltning|forvaltningen|huset|centret|center|rådet|udvalget|"
    r"forening|foreningen|selskab|selskabet)$",
    re.IGNORECASE,
)
# Region and part-of-country names that follow an acronym ("KKR Nordjylland").
PLACE_WORDS = frozenset("""Nordjylland Midtjylland Syddanmark Sjælland Hovedstaden Danmark Fyn Jylland Østjylland
    Vestjylland Sønderjylland Bornholm""".split())

# --- name-line marks ---------------------------------------------------------

# A party letter in brackets, "(A)", "(Ø)", or after a comma ", V".
PARTY_IN_BRACKETS = re.compile(r"^\(\s*([A-ZÆØÅ]{1,2})\s*\)+$")
# Capacity written after a slash on the organisation: "CPR-kontoret/gæst".
CAPACITY_AFTER_SLASH = {"gæst": "guests", "observatør": "observers", "sekretær": "secretariat",
                        "referent": "secretariat", "sekretariat": "secretariat"}

# --- substitutes -------------------------------------------------------------

_SUBSTITUTE_WORD = r"(?:sup+(?:le|el)ant(?:er|en)?|stedfortræder(?:e|en)?)"
# "(suppleant for X)", "(midlertidigt for X)", "(i stede for X)", "(i stedet for X)",
# "(stedfortræder for X)" after a name.
SUBSTITUTE_NOTE = re.compile(
    rf"^\(\s*(?:{_SUBSTITUTE_WORD}|midlertidig(?:t)?|i\s+sted(?:e|et)?|vikar)\s+for\s+(?P<absent>.+?)\s*\)$",
    re.IGNORECASE,
)
# "Y deltog i stedet for X", "Y deltog i mødet som suppleant for X", "Y mødte
# som stedfortræder for X".
INSTEAD_FOR = re.compile(
    rf"(?P<sub>[^,()]+?)\s+(?:deltog|deltager|mødte)\s+(?:i\s+mødet\s+|på\s+mødet\s+)?"
    rf"(?:i\s+sted(?:e|et)?|som\s+{_SUBSTITUTE_WORD})\s+for\s+(?P<absent>[^,()]+)",
    re.IGNORECASE,
)
# "stedfortræder ..., Y, indkaldes ... som følge af afbud fra X"
CALLED_IN = re.compile(
    rf"{_SUBSTITUTE_WORD}\b[^.]*?,\s*(?P<sub>[^,]+?),\s*(?:er\s+)?indkald\w*\b[^.]*?\bafbud\s+fra\s+(?P<absent>[^.]+?)"
    r"(?:\s+pga\.|\s+på\s+grund|\s*\.|$)",
    re.IGNORECASE,
)
# "Y og Z deltog som suppleanter": substitutes whose absentee is not named.
AS_SUBSTITUTES = re.compile(rf"(?P<subs>.+?)\s+(?:deltog|deltager|mødte)\s+som\s+{_SUBSTITUTE_WORD}\b", re.IGNORECASE)
# An item approving the substitutes called in ("Godkendelse af indkaldte
# stedfortrædere"), and its decision naming them ("A og B godkendt").
SUBSTITUTES_ITEM = re.compile(rf"\b{_SUBSTITUTE_WORD}", re.IGNORECASE)
NAMES_APPROVED = re.compile(r"^(?P<names>[A-ZÆØÅ].+?)\s+(?:blev\s+|er\s+)?godkend(?:t|es)\.?$")
# "X havde meldt afbud, og Y deltog i stedet", "X har meldt afbud, og i stedet deltager Y":
# the absence and its substitute in one sentence.
AFBUD_AND_INSTEAD = re.compile(
    r"(?P<absent>[^,.]+?)\s+(?:havde|har)\s+meldt\s+(?:afbud|forfald)[^,.]*,\s*og\s+"
    r"(?:(?P<sub>[^,.]+?)\s+(?:deltog|deltager|mødte)\s+i\s+stedet|i\s+stedet\s+(?:deltog|deltager|mødte)\s+(?P<sub2>[^,.]+))",
    re.IGNORECASE,
)
# In an absent list, a name followed by "indkaldt" or "deltog" is the one who
# came instead: "Fraværende med afbud: A, B indkaldt" (not "deltog ikke").
CALLED_AFTER_NAME = re.compile(
    r"(?P<sub>(?:[A-ZÆØÅ][\w.-]*\s+)+)(?i:(?:er\s+|var\s+|blev\s+)?(?:indkaldt|deltog|deltager|mødte)\b"
    r"(?!\s+(?:ikke|i\s+stedet|under|fra|kl|kun)))")
# "..., B for A, ..." in a list: B attended in A's place (both names; whether
# they are personal names is checked by the reader).
_NAME = r"[A-ZÆØÅ][\w.'-]*(?:\s+[A-ZÆØÅ][\w.'-]*){1,3}"
NAME_FOR_NAME = re.compile(rf"(?<![\w.'-])(?P<sub>{_NAME})\s+for\s+(?P<absent>{_NAME})(?=\s*(?:[,;(]|\.\s|\.?$|og\s))")
FOR_NOTE = re.compile(rf"^for\s+(?P<absent>{_NAME})$")
# A council's substitute enters for a period: "Y indtræder som stedfortræder",
# "at Y indtræder i kommunalbestyrelsen som stedfortræder".
ENTERS_AS_SUBSTITUTE = re.compile(
    rf"(?P<sub>{_NAME})(?:\s*\([A-ZÆØÅ]{{1,2}}\))?,?\s+(?i:indtræder|træder\s+ind)\b[^.]{{0,60}}?"
    rf"\b(?i:som\s+{_SUBSTITUTE_WORD})\b")
# In an item on calling in a substitute: the one called in ("Y er indkaldt",
# "ønsker at indkalde Y", "indkaldelse af stedfortræder Y", "Y indtræder som
# stedfortræder") and the member replaced, when the title names them
# ("Indkaldelse af stedfortræder for X").
CALLED_IN_ITEM = (
    re.compile(rf"(?P<sub>{_NAME})(?:\s*\([A-ZÆØÅ]{{1,2}}\))?,?\s+(?:er|bliver|blev)\s+indkaldt\b"),
    re.compile(rf"\b(?i:indkald(?:e|es|else\s+af)\s+(?:(?:1\.\s+)?{_SUBSTITUTE_WORD}\s+)?)(?P<sub>{_NAME})"),
    ENTERS_AS_SUBSTITUTE,
)
REPLACED_IN_TITLE = re.compile(rf"(?i:{_SUBSTITUTE_WORD}\s+for)\s+(?P<absent>{_NAME})")
# A decision heading that names the body and date ("Beslutning i Byrådet 12.
# marts 2024:"): with text after it, the item was decided (its minutes),
# where the segmenter knows only the bare "Beslutning".
DECISION_OF_BODY = re.compile(r"^\s*Beslutning(?:er)?\s+i\s+[^:]{1,80}:\s*(?P<rest>.*)$")
# The member such an item is for, in its text: "stedfortræder for X", "indtil
# X på ny varetager sine hverv", "X kan ikke varetage sit hverv", "X er
# forhindret i at deltage".
MEMBER_REPLACED = (
    REPLACED_IN_TITLE,
    re.compile(rf"\b(?i:indtil)\s+(?P<absent>{_NAME})\s+(?i:på\s+ny|igen|atter)\s+(?i:kan\s+)?(?i:varetage)"),
    re.compile(rf"(?P<absent>{_NAME})(?:\s*\([A-ZÆØÅ]{{1,2}}\))?\s+(?i:kan\s+ikke|er\s+forhindret\s+i\s+at)\s+"
               r"(?i:varetage|deltage|passe)"),
)
# "I stedet deltog Y." on its own, after an absence sentence.
INSTEAD_ALONE = re.compile(r"^I\s+stedet\s+(?:deltog|deltager|mødte)\s+(?P<sub>.+?)\.?$", re.IGNORECASE)

# --- absence and partial attendance in prose ---------------------------------

# "Der er afbud fra A, B og C", "Afbud fra A", "A havde meldt afbud", "A og B
# var fraværende", "A deltog ikke i mødet", "Alle medlemmer var mødt undtagen A".
ABSENT_PROSE = (
    re.compile(r"\bafbud\s+fra\s*:?\s+(?P<names>.+?)(?:\s+pga\.|\s+på\s+grund|\s+grundet|\.|$)", re.IGNORECASE),
    # "A havde meldt afbud", "A har, grundet ferie, meldt forfald", "A har forfald til mødet"
    re.compile(r"(?P<names>.+?)\s+(?:havde|har)(?:,\s*[^,.]{1,40},)?\s+(?:(?:meldt|sendt|givet)\s+(?:afbud|forfald)|forfald\s+til)\b",
               re.IGNORECASE),
    re.compile(r"(?P<names>.+?)\s+(?:var|er)\s+fraværende\b", re.IGNORECASE),
    re.compile(r"(?P<names>.+?)\s+(?:deltog|deltager)\s+ikke\s+(?:i|på|ved)\s+(?:dagens\s+)?mødet\b", re.IGNORECASE),
    re.compile(r"\b(?:mødt|til\s+stede)\s+(?:med\s+)?undtagen\s+(?P<names>.+?)(?:\.|$)", re.IGNORECASE),
    # "A udeblev (uden afbud)"
    re.compile(r"(?P<names>.+?)\s+udeblev\b", re.IGNORECASE),
)
# The words each ABSENT_PROSE pattern needs (kg.danish.literal): most lines
# hold none, and the lazy leading runs are costly on long lines.
ABSENT_PROSE_CUES = ((("afbud",),), (("afbud", "forfald"),), (("fraværende",),), (("ikke",), ("mødet",)),
                     (("undtagen",),), (("udeblev",),))
# The ABSENT_PROSE patterns that open with a lazy run of any character
# (read with kg.danish.literal.lazy_finditer, linear on long lines).
LAZY_ABSENT_PROSE = frozenset({1, 2, 3, 5})
# Partial attendance. Items: "deltog ikke under punkterne 12-15", "deltog ikke
# i punkt 3", "deltog i dagsordenspunkt 2", "deltog kun i punkt 1-4", "forlod
# mødet efter punkt 5", "deltog ikke i <body>s behandling af sagen" (the
# current item). Times: "deltog kl. 11.30 til 12.30", "deltog fra kl. 10",
# "forlod mødet kl. 12".
_ITEMS = r"(?P<items>\d+(?:\s*(?:[-–]|til|,|og)\s*\d+)*)"
PARTIAL_ITEMS = re.compile(
    rf"\b(?P<verb>deltog|deltager)\s+(?P<neg>ikke\s+)?(?:kun\s+)?(?:under|i|ved|på)\s+(?:behandlingen\s+af\s+)?"
    rf"(?:dagsordens)?(?:punkt(?:erne)?|pkt\.?|sag(?:erne)?)\s+(?:nr\.\s*)?{_ITEMS}",
    re.IGNORECASE,
)
LEFT_AFTER_ITEM = re.compile(rf"\b(?:forlod|gik\s+fra)\s+mødet\s+(?:efter|under)\s+(?:punkt|pkt\.?)\s+{_ITEMS}",
                             re.IGNORECASE)
NOT_IN_THIS_ITEM = re.compile(r"\b(?:deltog|deltager)\s+ikke\s+i\s+[^.]*?\bbehandling(?:en)?\s+af\s+(?:denne\s+)?"
                              r"(?:sag|punkt)", re.IGNORECASE)
PARTIAL_TIME = re.compile(
    r"\b(?:deltog|deltager|var\s+til\s+stede)\s+(?:fra\s+)?kl\.?\s*(?P<h1>[0-2]?\d)(?:[.:](?P<m1>[0-5]\d))?"
    r"(?:\s*(?:til|[-–])\s*(?:kl\.?\s*)?(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d))?",
    re.IGNORECASE,
)
# A time in brackets after a name in a list: "(fra kl. 11)", "(til kl. 12.30)",
# and "(fra kl )" where a PDF transcript lost the digits: partial attendance.
NOTE_TIME = re.compile(r"^(?P<dir>fra|til|indtil)\s+kl\.?\s*(?:(?P<h>[0-2]?\d)(?:[.:](?P<m>[0-5]\d))?)?\s*$",
                       re.IGNORECASE)
LEFT_AT_TIME = re.compile(r"\b(?:forlod|gik\s+fra)\s+mødet\s+kl\.?\s*(?P<h2>[0-2]?\d)[.:](?P<m2>[0-5]\d)",
                          re.IGNORECASE)

# The words the substitution and partial-attendance patterns of a prose
# sentence need (kg.danish.literal).
_SUBSTITUTE_CUE = ("sup", "stedfortræder")
CALLED_IN_CUES = (_SUBSTITUTE_CUE, ("indkald",), ("afbud",))
AFBUD_AND_INSTEAD_CUES = (("meldt",), ("stedet",))
INSTEAD_FOR_CUES = (("delt", "mødte"), ("for",))
AS_SUBSTITUTES_CUES = (("delt", "mødte"), _SUBSTITUTE_CUE)
INSTEAD_ALONE_CUES = (("stedet",),)
PARTIAL_CUES = (("delt", "stede", "mødet", "gik"),)
# One of these is in every sentence any of the above may match: most
# sentences are passed over after this one check.
ANY_PROSE_CUE = ("afbud", "forfald", "fraværende", "ikke", "undtagen", "udeblev", "sup", "stedfortræder", "meldt",
                 "stedet", "delt", "mødte", "stede", "mødet", "gik")

# What an absence list says when nobody was absent: an answer, not a cut list.
NO_ONE_ABSENT = re.compile(r"^(?:ingen|ingen\s+afbud|intet|ikke\s+nogen|[-–])\.?$", re.IGNORECASE)

# Labels that also occur inside names of organisations or in running text
# ("BRN Sekretariat", "Medlemmer af ..."): inside a line they count only
# with a colon.
WEAK_INLINE_LABELS = frozenset({
    "sekretariat", "sekretariatet", "referent", "sekretær", "bestyrelsen", "medlemmer", "mødt", "gæst",
    "deltager", "fravær", "forfald", "inviterede", "udvalgsmedlemmer", "tilstede", "fremmødte",
})
# The same absence mark inside a run of text, before it is split into names.
ABSENCE_SUFFIX_INLINE = re.compile(r"\s*(?:[-–]\s*afbud\b|\(\s*afbud\s*\))", re.IGNORECASE)

# The organisations that end a row of a flattened two-column table ("Thisted
# Kommune Region Nordjylland BRN Sekretariat").
ONE_ORG = re.compile(r"(?:[A-ZÆØÅ][\wæøå-]+\s+[Kk]ommune|Region\s+[A-ZÆØÅ][\wæøå]+|[A-ZÆØÅ]{2,}\s+(?:Sekretariat|"
                     r"Nordjylland|Midtjylland|Syddanmark|Sjælland|Hovedstaden))")
# Tried only where a run of spaces starts (the leftmost match starts there
# anyway): from inside a long run every try would scan the run again.
TRAILING_ORGS = re.compile(rf"(?<!\s)(?:\s+{ONE_ORG.pattern})+\s*$")
