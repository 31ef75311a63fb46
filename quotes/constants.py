"""Rule vocabularies used by extraction, in one place.

Each list says where it came from. They are frozensets of lower-case strings
(lemmas for verbs) so membership tests are cheap and case-insensitive.
"""

import functools
from collections.abc import Mapping
from importlib import resources

# Quotation marks. Opening-only and closing-only marks decide a direction on
# their own; the straight mark's direction comes from its neighbours
# (see `quotes.extract.spans`). Low-9 and guillemets appear in wire copy
# quoting German and French speakers.
OPENING_MARKS = frozenset("“„«")
CLOSING_MARKS = frozenset("”»")
STRAIGHT_MARKS = frozenset('"')
DOUBLE_MARKS = OPENING_MARKS | CLOSING_MARKS | STRAIGHT_MARKS
# British style quotes with single marks; the closing one doubles as the
# apostrophe, which `quotes.extract.spans` tells apart by its neighbours.
SINGLE_OPENING_MARKS = frozenset("‘‚‹")
SINGLE_CLOSING_MARKS = frozenset("’›")
SINGLE_STRAIGHT_MARKS = frozenset("'")

# Speech and reporting verbs (lemmas). Started from textacy 0.13's
# `constants.REPORTING_VERBS["en"]`, then extended with the verbs news copy
# uses to introduce a direct quotation (Krestel, Bergler & Witte 2008, "Minding
# the Source"; the Gender Gap Tracker's quote verb list), minus mental-state
# verbs ("believe", "fear", "hope", "think", "worry") that introduce a
# paraphrase far more often than a quotation; "wonder", like "ask", is kept
# for the questions it introduces ("“…?” he wondered").
REPORTING_VERBS = frozenset(
    {
        "accuse",
        "acknowledge",
        "add",
        "address",
        "admit",
        "advise",
        "affirm",
        "agree",
        "allege",
        "announce",
        "answer",
        "argue",
        "ask",
        "assert",
        "assure",
        "attest",
        "blast",
        "blog",
        "boast",
        "brag",
        "call",
        "caution",
        "charge",
        "chime",
        "cite",
        "claim",
        "comment",
        "complain",
        "concede",
        "conclude",
        "confess",
        "confide",
        "confirm",
        "contend",
        "continue",
        "counter",
        "cry",
        "declare",
        "decry",
        "demand",
        "deny",
        "describe",
        "dismiss",
        "disclose",
        "echo",
        "emphasize",
        "emphasise",
        "exclaim",
        "explain",
        "express",
        "gush",
        "hint",
        "insist",
        "interject",
        "joke",
        "lament",
        "maintain",
        "mention",
        "mock",
        "mourn",
        "muse",
        "murmur",
        "mutter",
        "note",
        "object",
        "observe",
        "offer",
        "opine",
        "plead",
        "pledge",
        "point",
        "post",
        "proclaim",
        "promise",
        "pronounce",
        "protest",
        "quip",
        "read",
        "reason",
        "recall",
        "recount",
        "reflect",
        "reiterate",
        "rejoin",
        "remark",
        "remind",
        "reply",
        "report",
        "respond",
        "retort",
        "reveal",
        "say",
        "scoff",
        "scream",
        "shout",
        "snap",
        "speak",
        "sneer",
        "state",
        "stress",
        "suggest",
        "swear",
        "tell",
        "testify",
        "thunder",
        "tout",
        "tweet",
        "underscore",
        "urge",
        "vow",
        "warn",
        "whisper",
        "write",
        "yell",
        "chant",
        # Added from the dev set's missed cues ("“Grizzly Adams?” Maddow
        # repeated", "reacted Trump", "Trump barked").
        "bark",
        "beam",
        "beg",
        "criticize",
        "criticise",
        "elaborate",
        "exhort",
        "gloat",
        "grouse",
        "grumble",
        "holler",
        "implore",
        "laugh",
        "lecture",
        "marvel",
        "predict",
        "press",
        "preach",
        "quote",
        "rant",
        "react",
        "repeat",
        "sigh",
        "slam",
        "taunt",
        "tease",
        "text",
        "query",
        "question",
        "wonder",
        "inquire",
    }
)

# "according to X": the speaker is the object of "to".
ACCORDING = "according"


# Pronouns that can stand for a speaker, with what they agree with.
MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
FIRST_PERSON_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our"})

# Honorifics that precede a name but are not a title the article gives
# (a title is a role: "defence minister", "senator"). "Mr." carries gender.
MALE_HONORIFICS = frozenset({"mr", "mr.", "sir", "lord"})
FEMALE_HONORIFICS = frozenset({"mrs", "mrs.", "ms", "ms.", "miss", "dame", "lady"})
HONORIFICS = MALE_HONORIFICS | FEMALE_HONORIFICS | frozenset({"dr", "dr.", "prof", "prof."})

# Words that can head a title or role ("defence minister", "spokeswoman").
# Used to tell a nominal speaker ("the minister said") from other nouns and
# to match it to the named person who holds that title in the article.
# Collected from the dev set's titles and the usual newsroom style guides.
TITLE_NOUNS = frozenset(
    {
        "adviser",
        "advisor",
        "aide",
        "ambassador",
        "analyst",
        "attorney",
        "author",
        "candidate",
        "ceo",
        "chair",
        "chairman",
        "chairwoman",
        "chancellor",
        "chief",
        "co-founder",
        "columnist",
        "commander",
        "commentator",
        "commissioner",
        "congressman",
        "congresswoman",
        "correspondent",
        "councillor",
        "councilman",
        "councilwoman",
        "counsel",
        "delegate",
        "democrat",
        "deputy",
        "diplomat",
        "director",
        "economist",
        "editor",
        "executive",
        "expert",
        "founder",
        "general",
        "governor",
        "head",
        "historian",
        "host",
        "judge",
        "justice",
        "lawmaker",
        "lawyer",
        "leader",
        "manager",
        "mayor",
        "member",
        "minister",
        "negotiator",
        "nominee",
        "officer",
        "official",
        "organizer",
        "owner",
        "partner",
        "politician",
        "pollster",
        "premier",
        "president",
        "professor",
        "prosecutor",
        "representative",
        "republican",
        "researcher",
        "secretary",
        "senator",
        "sheriff",
        "speaker",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "strategist",
        "superintendent",
        "supporter",
        "surrogate",
        "treasurer",
        "staffer",
        "vice",
        "whip",
        "writer",
        # Descriptions a story uses for its protagonist ("the billionaire
        # candidate", "the front-runner": the parser splits off "front").
        "anchor",
        "activist",
        "billionaire",
        "businessman",
        "businesswoman",
        "challenger",
        "contender",
        "frontrunner",
        "hacker",
        "hopeful",
        "incumbent",
        "magnate",
        "mogul",
        "neurosurgeon",
        "reporter",
        "runner",
        "star",
        "tycoon",
    }
)

# Title nouns that name someone by their relation to another ("a spokesman
# for Healey", "the aide"): "the spokesman" is never the story's protagonist.
RELATIONAL_TITLE_NOUNS = frozenset(
    {
        "adviser",
        "advisor",
        "aide",
        "analyst",
        "assistant",
        "attorney",
        "counsel",
        "delegate",
        "deputy",
        "expert",
        "lawyer",
        "member",
        "official",
        "partner",
        "spokesman",
        "spokesperson",
        "spokeswoman",
        "staffer",
        "supporter",
        "surrogate",
    }
)

# Words that end the names of organisations and places named after people
# ("Virginia Tech", "Ford Motor", "Kennedy Center"): such a name is no person.
ORGANIZATION_WORDS = frozenset(
    {
        "academy",
        "airlines",
        "airport",
        "association",
        "bank",
        "bridge",
        "center",
        "centre",
        "church",
        "city",
        "club",
        "college",
        "committee",
        "company",
        "corp",
        "council",
        "county",
        "foundation",
        "fund",
        "group",
        "hall",
        "hospital",
        "hotel",
        "house",
        "inc",
        "institute",
        "island",
        "journal",
        "lake",
        "memorial",
        "motor",
        "motors",
        "mountain",
        "museum",
        "news",
        "park",
        "party",
        "post",
        "project",
        "river",
        "school",
        "society",
        "square",
        "state",
        "station",
        "street",
        "tech",
        "times",
        "tower",
        "trust",
        "union",
        "university",
    }
)

# Words a title in Title Case leaves in lower case ("Orange Is the New
# Black", "Los Hijos de Trump"): English and Spanish/French short words.
TITLE_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "de", "del", "des", "du", "el", "for", "from", "in", "into"}
    | {"la", "las", "le", "les", "los", "nor", "of", "on", "or", "the", "to", "vs.", "with", "y", "&", "-", "—"}
)

# Nouns that stand for an organisation the article has named ("the company
# said", "the group wrote"); from the dev set's nominal sources.
ORGANIZATION_NOUNS = frozenset(
    {
        "agency",
        "association",
        "bureau",
        "coalition",
        "committee",
        "company",
        "corporation",
        "council",
        "department",
        "firm",
        "foundation",
        "group",
        "institute",
        "ministry",
        "network",
        "newspaper",
        "organization",
        "organisation",
        "paper",
        "site",
        "union",
        "website",
    }
)

# Nouns for people and bodies who are quoted without a name or title ("one
# attendee said", "the crowd chanted", "the commission said"); from the dev
# set's unnamed sources.
PEOPLE_NOUNS = frozenset(
    {
        "administration",
        "agent",
        "attendee",
        "audience",
        "board",
        "caller",
        "campaign",
        "commission",
        "court",
        "critic",
        "crowd",
        "demonstrator",
        "employee",
        "family",
        "fan",
        "father",
        "friend",
        "government",
        "guest",
        "insider",
        "legislator",
        "man",
        "marcher",
        "mother",
        "neighbor",
        "neighbour",
        "observer",
        "office",
        "opponent",
        "panel",
        "parent",
        "participant",
        "people",
        "person",
        "protester",
        "reader",
        "resident",
        "source",
        "staff",
        "student",
        "survivor",
        "team",
        "victim",
        "viewer",
        "voter",
        "witness",
        "woman",
        "worker",
    }
)

# Nouns for what people write or publish, which the news quotes as a source
# in its own right ("the report said", "a voice-over in the ad states", "the
# statement read"); from the dev set's nominal sources.
DOCUMENT_NOUNS = frozenset(
    {
        "ad",
        "advertisement",
        "article",
        "book",
        "cable",
        "column",
        "complaint",
        "document",
        "editorial",
        "email",
        "e-mail",
        "filing",
        "lawsuit",
        "letter",
        "memo",
        "message",
        "op-ed",
        "petition",
        "piece",
        "post",
        "poll",
        "release",
        "report",
        "ruling",
        "statement",
        "study",
        "survey",
        "transcript",
        "tweet",
        "video",
        "voice-over",
    }
)

# Nouns for something said that a possessor can own, read off the dev-set
# errors ("her remark that “…”", "Obama's “…” promise", "Barrett's dictum
# was, “…”"): the possessor said the quotation.
SPEECH_NOUNS = frozenset(
    {
        "assertion",
        "catchphrase",
        "claim",
        "comment",
        "declaration",
        "dictum",
        "insistence",
        "mantra",
        "motto",
        "pledge",
        "promise",
        "quip",
        "remark",
        "slogan",
        "vow",
        "warning",
        "words",
    }
)

# Abbreviated titles and the title noun they stand for ("Sen." is "the senator").
TITLE_ABBREVIATIONS = {
    "sen.": "senator",
    "rep.": "representative",
    "gov.": "governor",
    "pres.": "president",
    "sec.": "secretary",
    "amb.": "ambassador",
    "atty.": "attorney",
    "gen.": "general",
    "supt.": "superintendent",
}

# Words in a title that name a US party, and the party: someone the article
# calls "Republican" is not the one "the Democratic candidate" refers to.
# The two parties' own names and nicknames (AP style: GOP for Republican).
PARTY_WORDS: Mapping[str, str] = {
    "republican": "R",
    "republicans": "R",
    "gop": "R",
    "democratic": "D",
    "democrat": "D",
    "democrats": "D",
}

# Gendered title nouns: evidence of a person's gender for pronoun agreement.
MALE_TITLE_NOUNS = frozenset({"chairman", "congressman", "councilman", "spokesman", "businessman"})
FEMALE_TITLE_NOUNS = frozenset({"chairwoman", "congresswoman", "councilwoman", "spokeswoman", "businesswoman"})

# Titles written right before a name, abbreviated or not ("Sen. Ted Cruz",
# "President Donald Trump"): a title, unlike an honorific, and not part of
# the name.
PRENOMINAL_TITLES = frozenset(
    {
        "sen.",
        "rep.",
        "gov.",
        "lt.",
        "gen.",
        "col.",
        "maj.",
        "capt.",
        "sgt.",
        "adm.",
        "pres.",
        "sec.",
        "amb.",
        "atty.",
        "supt.",
        "rev.",
        "president",
        "senator",
        "governor",
        "mayor",
        "judge",
        "justice",
        "pope",
        "king",
        "queen",
        "prince",
        "princess",
        "chancellor",
        "secretary",
    }
)

# Phrasal verbs that introduce a quotation ("“…,” Trump went on", "shot
# back"): (verb lemma, particle); from the dev set's missed cues and the
# usual newsroom variants.
PHRASAL_CUES = frozenset(
    {
        ("cut", "in"),
        ("fire", "back"),
        ("go", "on"),
        ("hit", "back"),
        ("push", "back"),
        ("shoot", "back"),
        ("speak", "out"),
        ("weigh", "in"),
    }
)

# Transcript labels of the interviewer's questions and the interviewee's answers.
QUESTION_LABEL = "Q"
ANSWER_LABEL = "A"

# Verbs of an interview: "CNN's Jake Tapper spoke with Gov. Mary Fallin" has
# the interviewee as their object, not their subject.
INTERVIEW_VERBS = frozenset({"ask", "chat", "interview", "question", "sit", "speak", "talk"})

# Prepositions that relate a role to the person or body it serves: "a
# spokesman for Hillary Clinton", "an aide to the senator", "a member of …".
RELATION_PREPOSITIONS = frozenset({"for", "of", "to"})

# Verbs that, with a speech noun as their object, say that their subject
# spoke ("Trump issued a statement, “…”", "Sanders delivered a snappy
# retort: “…”", "she made the remark"); from the dev set's missed cues.
SPEECH_ACT_VERBS = frozenset({"deliver", "fire", "give", "issue", "make", "offer", "post", "release", "send"})

# What those verbs deliver: the speech nouns and the acts of speaking they
# perform ("a retort", "a statement", "a speech").
SPEECH_ACT_NOUNS = SPEECH_NOUNS | {"answer", "reply", "response", "retort", "speech", "statement", "tweet"}

# Nouns for a survey whose figures "say" things ("75 percent said …"): the
# survey is the source.
POLL_NOUNS = frozenset({"poll", "survey"})

# Words for a share of people polled, besides numbers ("half said", "a
# majority say", "31% said"): such a share can say things.
SHARE_WORDS = frozenset({"%", "half", "majority", "minority", "percent", "plurality", "quarter", "third"})

# Conjunctions that open a clause of time, cause or concession: a speech
# verb there sets the scene ("after Rubio spoke", "as Blumenthal spoke") and
# does not introduce the quotation beside it.
SUBORDINATORS = frozenset(
    {
        "after",
        "although",
        "as",
        "because",
        "before",
        "if",
        "once",
        "since",
        "though",
        "unless",
        "until",
        "when",
        "while",
    }
)

# Verbs whose passive subject was heard saying something, not spoken to:
# "Marsh was quoted as saying …", "Reed was overheard telling aides …"
# (unlike "Reed was told …").
OVERHEARD_VERBS = frozenset({"catch", "film", "hear", "overhear", "quote", "record", "see", "tape"})

# Speech verbs of the activity, not of what was said: after "as" they say
# when ("as Blumenthal spoke, …"), where others introduce ("as he explained, …").
ACTIVITY_SPEECH_VERBS = frozenset({"speak", "talk"})

# Subjects of an inner speech verb that most likely stand for the subject of
# an outer one ("a piece that noted …", "it said").
WEAK_SUBJECTS = frozenset({"it", "that", "which", "this"})

# Dashes that introduce a byline after a quotation ("“…” ― Beck Pimentel").
DASHES = frozenset({"—", "―", "–", "-", "--"})

# Penn Treebank tags of finite verbs ("stirs", "said", "say"): a title has
# none (participles such as "acting" or "elected" do occur in titles).
FINITE_VERB_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})

# spaCy (ClearNLP) dependency labels of clauses inside a noun phrase, which
# end the title part of it ("an adviser [with whom Clinton corresponded]").
CLAUSE_DEPENDENCIES = frozenset({"relcl", "acl", "advcl", "ccomp"})

# Verbs whose participle links a description to a name ("a Salem resident
# named Caroline", "a lawyer called Tom Hale"): the description is a title.
NAMING_VERBS = frozenset({"name", "call"})

# Articles stripped from the front of a description used as a title or name.
ARTICLES = frozenset({"the", "a", "an"})

# spaCy (ClearNLP) dependency labels of a clause's subject, active or passive.
SUBJECT_DEPENDENCIES = frozenset({"nsubj", "nsubjpass"})

# Pronouns that stand for people (and "who" for a person named before it).
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "i", "we", "who", "you"})

# Linking verbs: "the position is “…”" says nothing about who said it.
COPULAS = frozenset({"be", "seem", "become", "appear", "remain", "look", "sound", "feel"})


# Past forms of speech verbs that are not the lemma plus "-d"/"-ed".
IRREGULAR_SPEECH_FORMS = frozenset({"said", "told", "wrote", "spoke", "swore", "cried", "replied"})


def is_speech_verb_form(word: str) -> bool:
    """Whether lower-case `word` is a form of a speech verb: the lemma, its
    third person or its past ("state", "states", "stated", "denies",
    "denied", "begged", "said")."""
    return word in REPORTING_VERBS or word in IRREGULAR_SPEECH_FORMS or bool(_stems(word) & REPORTING_VERBS)


def _stems(word: str) -> set[str]:
    """The lemmas a regular third-person or past form may come from."""
    if word.endswith(("ies", "ied")):
        return {word[:-3] + "y"}
    if word.endswith("ed"):
        stems = {word[:-2], word[:-1]}
        # A doubled final consonant: "begged", "quipped", "admitted".
        if len(word) > 4 and word[-3] == word[-4]:
            stems.add(word[:-3])
        return stems
    if word.endswith("es"):
        return {word[:-2], word[:-1]}
    return {word[:-1]} if word.endswith("s") else set()


@functools.cache
def first_name_sexes() -> dict[str, str]:
    """The usual sex ("m" or "f") of US first names, lower-cased: names that
    at least 85% of the people given them in US Social Security records were
    of one sex ("hillary": "f"; "jordan" is not there). Built by
    scripts/first_names.py; a prior that what the article says overrides."""
    table = resources.files("quotes").joinpath("data", "first_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in table.splitlines() if line)


# The commonest English words (function words and the commonest verbs, from
# spaCy's English stop-word list): `quotes check` leaves them out when it
# asks the keyword index for candidates, since nearly every quote has them.
COMMON_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "each",
        "even",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "like",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "no",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "out",
        "over",
        "own",
        "said",
        "say",
        "says",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)


# Metadata names an input may give (a text file's header keys, a JSON
# article's fields) and the article field each fills: the usual names and
# the synonyms news archives use. "source" and "url" are the same thing:
# where the article was published.
METADATA_KEYS = {
    "date": "date",
    "title": "headline",
    "headline": "headline",
    "source": "url",
    "url": "url",
    "author": "author",
    "byline": "author",
    "outlet": "outlet",
    "publisher": "outlet",
}


# What `quotes check` takes for a change of meaning when a claimed quotation
# differs from the stored words (see `quotes.align`). The words are folded
# as the comparison folds them: lower case, no accents, no apostrophes
# ("don't" is "dont"), spelled numbers as digits.

# Negations (the list, with the contractions of "not" and the
# other negative pronouns and adverbs): a change in how many a passage has
# turns it into its opposite.
NEGATIONS = frozenset(
    {
        "not",
        "never",
        "no",
        "none",
        "nobody",
        "nothing",
        "nowhere",
        "neither",
        "nor",
        "cannot",
        "cant",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "wont",
        "wouldnt",
        "couldnt",
        "shouldnt",
        "hasnt",
        "havent",
        "hadnt",
        "mustnt",
        "neednt",
        "aint",
        "shant",
    }
)

# Spelled numbers, compared as the digits they stand for ("two" is "2";
# "two" against "three" is a changed number).
NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
        + ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
    )
} | {
    word: str(10 * tens)
    for tens, word in enumerate(["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 3)
}

# Words of amounts, shares, dates and times besides numbers: a change in
# any of them changes a figure, a sum or a date. ("may" and "march" are
# left out as the verbs they usually are; capitalised, they count as names.)
AMOUNT_WORDS = frozenset(
    {
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "half",
        "quarter",
        "third",
        "percent",
        "once",
        "twice",
        "first",
        "second",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "$",
        "€",
        "£",
        "¥",
        "dollar",
        "dollars",
        "euro",
        "euros",
        "pound",
        "pounds",
        "cent",
        "cents",
        "january",
        "february",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "tonight",
    }
)

# Pairs of words of opposite sense (the examples and their
# commonest kin in political speech): one put for the other reverses what
# was said. Words with a negating prefix ("able"/"unable") are found by
# `quotes.align` without being listed, and pairs with a negation
# ("will"/"won't", "always"/"never") are changes of negation.
OPPOSITES = frozenset(
    frozenset(pair.split("/"))
    for pair in (
        "able/unable",
        "support/oppose",
        "increase/decrease",
        "increase/cut",
        "rise/fall",
        "raise/lower",
        "more/less",
        "more/fewer",
        "most/least",
        "up/down",
        "win/lose",
        "won/lost",
        "accept/reject",
        "agree/disagree",
        "allow/ban",
        "allow/forbid",
        "allow/prevent",
        "approve/reject",
        "before/after",
        "best/worst",
        "better/worse",
        "higher/lower",
        "high/low",
        "include/exclude",
        "success/failure",
        "succeed/fail",
        "strong/weak",
        "strengthen/weaken",
        "guilty/innocent",
        "true/false",
        "with/without",
        "for/against",
        "pro/anti",
        "add/remove",
        "gain/loss",
        "growth/decline",
        "expand/shrink",
        "open/close",
        "start/stop",
        "begin/end",
        "continue/stop",
        "love/hate",
        "like/dislike",
        "right/wrong",
        "safe/dangerous",
        "first/last",
        "next/last",
        "early/late",
        "earlier/later",
        "past/future",
        "easy/hard",
        "easy/difficult",
        "victory/defeat",
        "peace/war",
        "friend/enemy",
        "ally/enemy",
        "buy/sell",
        "import/export",
        "over/under",
        "above/below",
        "maximum/minimum",
        "majority/minority",
        "often/rarely",
        "always/rarely",
        "optimistic/pessimistic",
        "positive/negative",
        "good/bad",
        "welcome/condemn",
        "praise/criticise",
        "praise/criticize",
        "confirm/deny",
        "admit/deny",
        "attack/defend",
        "ahead/behind",
        "enough/insufficient",
        "certain/uncertain",
        "legal/illegal",
    )
)

# Prefixes that negate the word they precede: "un" and "non" before any
# word; the Latin ones only before an adjective's ending (so "impossible"
# is "possible" negated, but "inform" is not "form" nor "discover" "cover").
NEGATING_PREFIXES = ("un", "non")
LATIN_NEGATING_PREFIXES = ("in", "im", "il", "ir", "dis")
ADJECTIVE_ENDINGS = ("able", "ible", "al", "ent", "ant", "ive", "ate", "ar", "ic", "id", "est", "ful", "ous")

# British spellings and their American forms (word endings), taken for the
# same word: wire copy is respelt in house style, and "defence" printed
# as "defense" is the same quotation. Only words of five letters or more.
SPELLING_ENDINGS = (
    ("isation", "ization"),
    ("isations", "izations"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("tre", "ter"),
    ("tres", "ters"),
)
# Words spelt "-ence" in Britain and "-ense" in America (a general rule would take "sense" for "sence").
SPELLING_WORDS = {"defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense"}
