"""What headers mean: synonyms, keyword patterns and descriptions per field (English, Spanish,
German, French; Portuguese, Italian, Dutch and HR vocabulary are merged in from
:mod:`.mapping_vocab`), and which kinds of values each field can hold. Data for :mod:`.mapping`.

Headers are compared after :func:`~matching.intake.mapping.normalize_header` (lower case, no
accents, punctuation -> spaces), so every entry here is written in that form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mapping_vocab import EXTRA_RULES, ORG_UNIT, START_WORDS


@dataclass(frozen=True)
class FieldRule:
    """How to recognise one field's column from its header."""

    field: str
    exact: frozenset[str]
    patterns: tuple[re.Pattern, ...]
    phrasings: tuple[str, ...]  # descriptions for the semantic fallback (beyond ``exact``)


# Words that say a "name" header is about something other than the person.
_NOT_PERSON = (r"team|company|file|user|project|manager|buddy|mentor|mentee|partner|org|organi[sz]ation|event|product|"
               r"pet|school|university|employer|channel|empresa|entreprise|societe|unternehmen|firma|equipo|equipe|"
               r"organizacion|universidad|universite|proyecto|projet|usuario|utilisateur|benutzer|slack|discord|github|"
               r"handle|twitter|contact|emergency|parent|guardian|spouse|partner s|reference|referrer|referred|"
               r"supervisor|advisor|adviser|lab|group|department|course|program|programme|street|city|town|"
               r"village|pi|doctor|kin|company s|business|startup|venture|app|dog|cat|middle|nick|nickname|user name")

NOT_PERSON = re.compile(r"\b(?:" + _NOT_PERSON + r")\b")

# (field, exact normalised headers, patterns, extra phrasings). Order matters: within one header
# an exact hit beats a pattern hit, and among pattern hits the earlier field wins, so specific
# fields come first.
_RULE_DATA: tuple[tuple[str, set[str], tuple[str, ...], tuple[str, ...]], ...] = (
    ("similar_role_required",
     {"similar role", "same role", "buddy preference", "role preference", "mismo rol", "rol similar", "gleiche rolle",
      "ahnliche rolle", "meme role", "role similaire"},
     (r"similar role", r"same role", r"preference on who", r"buddy should be", r"similar (?:position|job)",
      r"(?:mismo|misma|similar) (?:rol|puesto|cargo|area)", r"(?:gleiche|ahnliche)n? (?:rolle|position|beruf)",
      r"(?:meme|similaire) (?:role|poste|metier)|role (?:similaire|identique)"),
     ("should your buddy have a similar role", "do you want to be matched with someone in the same role")),
    ("keep_registered",
     {"keep me registered", "future rounds", "mantenerme inscrito", "zukunftige runden", "rester inscrit"},
     (r"keep me registered", r"future rounds", r"stay registered", r"keep registered", r"\bopt in\b",
      r"futuras rondas|proximas rondas", r"kunftige(?:n)? runden|zukunftige(?:n)? runden|weitere(?:n)? runden",
      r"prochaines sessions|futures sessions|prochains tours"),
     ("keep me registered for future rounds", "sign me up for the next rounds too")),
    ("capacity",
     {"max mentees", "mentee capacity", "number of mentees", "capacity", "capacidad", "kapazitat", "capacite"},
     (r"how many mentees", r"mentees can you", r"\bcapacity\b", r"max(?:imum)? (?:number of )?(?:mentees|matches)",
      r"\bmax(?:imum)?\b.*\b(?:mentees|matches|new hires?|newcomers?|students|buddies|people|participants|places|"
      r"spots|slots)\b", r"\b(?:places|spots|slots) (?:offered|available)\b",
      r"how many (?:people|matches|buddies) (?:can|would)",
      r"how many\b.*\b(?:mentees?|students?|people|persons|juniors|participants|buddies|matches|proteges?|learners?|"
      r"newcomers?|new hires?|first years?|freshmen|volunteers?|members?|mentorships?)\b",
      r"how many\b.*\b(?:can|could|would|will)\b.*\b(?:mentor|buddy|support|host|take on|take|guide|help|welcome|"
      r"coach|supervise|accept|onboard)\b",
      r"\b(?:number|no|num|#) of (?:mentees|students|proteges)\b",
      r"cuant[oa]s (?:mentees|personas|estudiantes|aprendices|mentorad[oa]s)", r"numero de (?:mentees|mentorad)",
      r"wie viele (?:mentees|personen|studierende|studenten)", r"anzahl (?:der )?(?:mentees|personen)",
      r"combien de (?:mentores|mentees|personnes|etudiants|filleuls)", r"nombre de (?:mentores|mentees|filleuls)"),
     ("how many mentees can you take", "how many students would you like to mentor")),
    ("side",
     {"mentor or mentee", "track", "participant type", "participation type", "mentor mentee", "mentee mentor",
      "mentor o mentee", "mentor oder mentee", "mentor ou mentore", "mentor ou mentee"},
     (r"mentor or (?:a )?mentee", r"mentee or (?:a )?mentor", r"joining as", r"participate as",
      r"sign(?:ing)? up as", r"\bmentor\b.*\bmentee\b", r"\bmentee\b.*\bmentor\b",
      r"\bmentor[ae]?\b.*\b(?:mentee|mentorad[oa]|aprendiz)\b", r"\bmentor\w*\b.*\bmentore?e?\b",
      r"participar como|teilnehmen als|participer en tant que|s inscrire en tant que",
      r"new or returning|returning or new|new hire or buddy|buddy or new hire|new hire buddy|buddy new hire"),
     ("would you like to be a mentor or a mentee", "are you joining as a mentor or mentee")),
    ("submitted_at",
     {"timestamp", "submitted", "submission date", "horodateur", "submission time", "date submitted", "submitted on", "created at",
      "completed at", "end date", "response date", "date", "submit date", "completion time", "created",
      "created time", "date created", "submitted at",
      "marca temporal", "fecha", "marca de tiempo", "fecha de envio", "zeitstempel", "datum", "eingereicht",
      "horodatage", "date de soumission", "date de reponse", "heure de fin", "hora de finalizacion"},
     (r"\bsubmitted\b", r"\btimestamp\b", r"submission (?:time|date)", r"marca (?:temporal|de tiempo)",
      r"\bzeitstempel\b", r"\bhorodat", r"\bsubmit(?:ted|ion)? ?(?:date|time|on|at)\b",
      r"\b(?:date|time) (?:submitted|of submission|completed)\b", r"\b(?:abgeschickt|abgesendet|eingereicht)\b",
      r"fecha de (?:envio|respuesta|finalizacion)", r"date (?:de )?(?:soumission|reponse|envoi)", r"\bcompletion time\b"),
     ("time the response was submitted",)),
    ("id",
     {"respondent id", "participant id", "user id", "person id", "member id", "employee id", "student id",
      "record id", "respondent", "uid", "identifier", "id", "token", "employee number", "staff id"},
     (r"\b(?:respondent|participant|person|member|record|employee|student|staff) (?:id|number|no)\b",
      r"^id (?:de|del) (?:participante|respuesta)", r"^(?:teilnehmer|antwort) ?id\b",
      r"^(?:identifiant|id) (?:du|de la) (?:participant|reponse)"),
     ()),
    ("first_name",
     {"first name", "given name", "firstname", "first", "forename", "your first name", "nombre de pila", "vorname",
      "prenom", "votre prenom", "dein vorname", "ihr vorname", "tu nombre de pila"},
     (r"\bfirst name\b", r"\bgiven name\b", r"\bvorname\b", r"\bprenom\b"),
     ()),
    ("last_name",
     {"last name", "surname", "family name", "lastname", "last", "your last name", "apellido", "apellidos",
      "nachname", "familienname", "nom de famille", "votre nom de famille", "tus apellidos", "tu apellido"},
     (r"\blast name\b", r"\bsurname\b", r"\bfamily name\b", r"\bapellidos?\b", r"\bnachname\b", r"\bfamilienname\b",
      r"\bnom de famille\b"),
     ()),
    ("email",
     {"e mail", "email address", "mail", "e mail address", "your email", "correo", "correo electronico",
      "direccion de correo", "direccion de correo electronico", "e mail adresse", "email adresse", "mailadresse",
      "courriel", "adresse e mail", "adresse email", "adresse courriel", "adresse electronique"},
     (r"\be ?mail\b", r"\bcorreo\b", r"\bcourriel\b", r"\bmailadresse\b"),
     ("what is your email address",)),
    ("slack", {"slack handle", "slack username", "slack name"}, (r"\bslack\b",), ()),
    ("linkedin", {"linkedin url", "linkedin profile", "linked in", "perfil de linkedin", "profil linkedin"},
     (r"\blinked ?in\b",), ()),
    ("company",
     {"employer", "organization", "organisation", "workplace", "company name", "affiliation", "empresa",
      "organizacion", "compania", "institucion", "arbeitgeber", "unternehmen", "firma", "organisation",
      "entreprise", "societe", "employeur", "etablissement", "institution"},
     (r"where do you work", r"\b(?:company|employer|organi[sz]ation|workplace|affiliation)\b",
      r"who do you work for", r"\b(?:empresa|organizacion|compania)\b", r"donde trabajas|para quien trabajas",
      r"\b(?:arbeitgeber|unternehmen|firma)\b", r"wo arbeitest du|wo arbeiten sie",
      r"\b(?:entreprise|societe|employeur)\b", r"ou travaillez vous|ou travailles tu"),
     ("where do you work", "name of your employer or organization")),
    ("career_stage",
     {"seniority", "stage", "level", "experience level", "career level", "nivel", "nivel de experiencia",
      "etapa profesional", "seniority level", "karrierestufe", "erfahrungsstufe", "berufserfahrungsstufe",
      "niveau", "niveau d experience", "niveau de carriere"},
     (r"career stage", r"\bseniority\b", r"career level", r"experience level", r"how (?:senior|experienced)",
      r"etapa (?:profesional|de (?:tu|su) carrera)", r"nivel (?:de )?(?:experiencia|profesional|de carrera)",
      r"\bkarriere ?stufe\b|\berfahrungs ?stufe\b|\bkarrierephase\b", r"niveau (?:d )?(?:experience|de carriere)",
      r"etape de (?:votre|ta) carriere", r"\byear (?:of|in) (?:study|studies|school|the program|the programme)\b",
      r"what year (?:are you in|of (?:study|your))", r"\b(?:academic|study|class) year\b", r"\byear level\b",
      r"how much (?:\w+ ){0,3}experience", r"\bano (?:de estudios?|academico|de carrera)\b", r"\bstudienjahr\b|"
      r"\bsemester\b", r"\bannee d etudes?\b"),
     ("how would you characterize your current career stage", "what year are you in your program")),
    ("years_experience",
     {"years of experience", "experience years", "yoe", "experience", "years experience", "anos de experiencia",
      "experiencia", "berufserfahrung", "jahre berufserfahrung", "jahre erfahrung", "erfahrung",
      "annees d experience", "experience professionnelle"},
     (r"years? (?:of )?(?:professional |work |industry |relevant )?experience", r"\byoe\b", r"how many years",
      r"years in (?:the )?(?:industry|field)", r"anos de experiencia|cuantos anos", r"jahre (?:berufs)?erfahrung|"
      r"wie viele jahre|berufserfahrung in jahren", r"annees d experience|combien d annees"),
     ("how many years of work experience do you have",)),
    ("role",
     {"job title", "title", "position", "job role", "occupation", "job", "current role", "puesto", "cargo", "rol",
      "discipline", "specialty", "speciality", "job function", "profession", "i am a", "i am an", "i m a", "soy",
      "ich bin", "je suis",
      "puesto de trabajo", "ocupacion", "profesion", "funcion", "position", "rolle", "beruf", "berufsbezeichnung",
      "stelle", "jobtitel", "taetigkeit", "tatigkeit", "poste", "fonction", "metier", "intitule du poste", "role"},
     (r"\brole\b", r"job title", r"\bposition\b", r"\boccupation\b", r"what do you do",
      r"\b(?:puesto|cargo|rol|ocupacion|profesion)\b", r"a que te dedicas",
      r"\b(?:rolle|beruf|berufsbezeichnung|jobtitel|tatigkeit)\b", r"was machst du beruflich",
      r"\b(?:poste|fonction|metier)\b", r"que faites vous"),
     ("which option best represents your role", "what is your current job title")),
    ("timezone",
     {"time zone", "tz", "utc offset", "zona horaria", "zeitzone", "fuseau horaire"},
     (r"time ?zone", r"\butc offset\b", r"zona horaria", r"\bzeitzone\b", r"fuseau horaire"),
     ("which time zone are you in",)),
    ("lat", {"latitude", "latitud", "breitengrad", "lat"}, (), ()),
    ("lon", {"lng", "long", "longitude", "longitud", "langengrad", "lon"}, (), ()),
    ("country",
     {"country of residence", "which country", "your country", "country", "pais", "pais de residencia", "land",
      "wohnsitzland", "pays", "pays de residence"},
     (r"which country", r"what country", r"^country\b", r"\bpais\b", r"in welchem land|^land\b",
      r"\bpays\b"),
     ("which country do you live in",)),
    ("location",
     {"city", "based", "where are you based", "city country", "where do you live", "town", "your location",
      "ciudad", "ubicacion", "localidad", "donde vives", "stadt", "ort", "wohnort", "standort", "ville",
      "localisation", "lieu", "ou habitez vous", "ou vis tu", "office", "neighborhood", "neighbourhood", "area",
      "region", "campus", "site", "office location", "work location", "buro", "oficina", "bureau"},
     (r"where are you (?:based|located|from)", r"where do you live", r"which city", r"what city", r"\bcity\b",
      r"\blocation\b", r"\bbased\b", r"\b(?:ciudad|ubicacion|localidad)\b", r"donde (?:vives|resides|estas)",
      r"\b(?:stadt|wohnort|standort)\b", r"wo wohnst du|wo wohnen sie|wo lebst du", r"\b(?:ville|localisation)\b",
      r"ou (?:habitez|vivez|habites|vis) (?:vous|tu)", r"\boffice\b", r"\bneighbou?rhood\b", r"\bwhich campus\b"),
     ("where are you based", "which city do you live in")),
    ("wants",
     {"looking for", "goals", "que buscas", "objetivos", "expectativas", "ziele", "erwartungen", "wunsche",
      "attentes", "objectifs", "ce que vous recherchez"},
     (r"want(?:s)? (?:your|a|in a|from your|from a) (?:buddy|match|mentor|mentee|partner)", r"buddy to be like",
      r"looking for", r"ideal (?:buddy|match|partner|mentor|mentee)", r"what do you (?:want|hope)",
      r"hop(?:e|es|ing) to (?:get|learn|gain|achieve|find|meet)", r"like to learn", r"would like (?:from|in) (?:your|a)",
      r"get out of (?:this|these|the|it)", r"\bwhat (?:would|do) you (?:like|want|hope) to (?:get|gain|learn)",
      r"when (?:pairing|matching)", r"(?:pairing|matching) (?:you|preferences?)", r"(?:like|want|need) help with",
      r"what can you help with", r"\bhelp (?:with|on)\b",
      r"ideal (?:\w+ ){0,2}(?:buddy|match|partner|mentor|mentee|co ?founder|teammates?|team ?mates?|colleague|peer)",
      r"preferences? (?:for|about|on|regarding) (?:matching|pairing|being matched|being paired|your (?:mentor|mentee|"
      r"buddy|match|partner))",
      r"que (?:buscas|esperas|te gustaria)", r"\bexpectativas?\b",
      r"was (?:erhoffst|suchst|erwartest|wunschst) du|was (?:erhoffen|suchen|erwarten|wunschen) sie",
      r"\b(?:erwartungen|wunsche)\b", r"que (?:recherchez|attendez|esperez) vous|qu attendez vous",
      r"\battentes\b"),
     ("describe what you want your buddy to be like", "what do you hope to get out of this program")),
    ("summary",
     {"bio", "about", "about me", "about you", "introduction", "intro", "about yourself", "sobre ti", "sobre mi",
      "biografia", "presentacion", "uber mich", "uber dich", "kurzvorstellung", "vorstellung", "steckbrief",
      "a propos de vous", "a propos de moi", "presentation", "biographie"},
     (r"\bsummary\b", r"\bbio\b", r"about (?:yourself|you|me)\b", r"introduce yourself", r"tell us (?:a bit )?about",
      r"describe yourself", r"career path", r"describe your (?:career|background|path|journey|work|research)",
      r"what are you (?:working on|building|making|researching)|what do you work on|current projects?", r"\bwhy (?:did|do) you (?:want|decide|join|sign)",
      r"\bmotivation\b",
      r"\bbackground\b", r"sobre (?:ti|mi|usted)\b", r"\bpresentate\b|cuentanos",
      r"\buber (?:dich|mich|sich)\b", r"stell dich vor|erzahl uns", r"a propos de (?:vous|toi|moi)",
      r"presentez vous|presente toi|parlez nous de vous"),
     ("tweet sized summary of yourself", "tell us a bit about yourself")),
    ("skills",
     {"skill", "expertise", "tech stack", "stack", "habilidades", "competencias", "conocimientos", "fahigkeiten",
      "kenntnisse", "kompetenzen", "competences", "savoir faire"},
     (r"\bskills?\b", r"speciali[sz]", r"\bexpertise\b", r"tech(?:nical)? stack", r"comfortable (?:with|using|in)\b",
      r"programming languages?", r"\bproficien", r"\btools? (?:you|do you) use\b", r"\b(?:habilidades|competencias|"
      r"conocimientos)\b", r"\b(?:fahigkeiten|kenntnisse|kompetenzen)\b", r"\bcompetences?\b"),
     ("what are your skills", "in which fields do you specialize")),
    ("interests",
     {"topics", "hobbies", "interest", "intereses", "temas", "aficiones", "interessen", "themen", "hobbys",
      "centres d interet", "interets", "sujets", "loisirs"},
     (r"interest", r"\btopics?\b", r"talk about", r"\bhobbies\b", r"passionate about", r"\bintereses?\b|\btemas?\b|"
      r"\baficiones\b", r"\binteressen?\b|\bthemen\b|\bhobbys\b", r"\binterets?\b|\bsujets\b|\bloisirs\b",
      r"\bfocus areas?\b|\bareas? of (?:interest|focus)\b", r"\bindustries\b",
      r"\b(?:sprechen|reden|unterhalten)\b", r"\bhablar\b|\bconversar\b", r"\bparler\b|\bdiscuter\b"),
     ("which topics are you interested in", "what would you like to talk about")),
    ("name",
     {"full name", "your name", "what s your name", "what is your name", "participant name", "display name",
      "your full name", "preferred name", "names", "name surname", "name", "nombre", "nombre completo", "tu nombre",
      "nombre y apellidos", "su nombre", "vollstandiger name", "dein name", "ihr name", "nom", "nom complet",
      "votre nom", "ton nom", "prenom et nom", "nom et prenom", "vor und nachname", "vor und zuname"},
     (r"^(?!.*\b(?:" + _NOT_PERSON + r")\b).*\bname\b",
      r"^(?!.*\b(?:" + _NOT_PERSON + r")\b).*\b(?:nombre|nom)\b"),
     ("what is your full name",)),
)

FIELD_RULES: tuple[FieldRule, ...] = tuple(
    FieldRule(f, frozenset(ex) | {f.replace("_", " ")} | set(EXTRA_RULES.get(f, ((), ()))[0]),
              tuple(re.compile(p) for p in (*pats, *EXTRA_RULES.get(f, ((), ()))[1])), tuple(phr))
    for f, ex, pats, phr in _RULE_DATA
)

# Keywords that point to a field only when no stronger keyword claims the header ("goals" in
# "describe your career path and future goals" is the summary, in "Your goals" the wants).
WEAK_PATTERNS: dict[str, tuple[re.Pattern, ...]] = {f: tuple(re.compile(p) for p in pats) for f, pats in {
    "wants": (r"\bgoals?\b", r"\bobjetivos?\b", r"\bziele?\b", r"\bobjectifs?\b"),
}.items()}

# Headers that are plain "name" words: with a separate first- or last-name column they are the other half.
BARE_NAME_HEADERS = frozenset({"name", "nombre", "nom", "your name", "tu nombre", "votre nom", "dein name", "ihr name",
                               "nome", "seu nome", "il tuo nome", "naam", "je naam", "uw naam"})

# Headers about the program or event itself, not the person: never the person's profile fields.
ABOUT_PROGRAM = re.compile(r"\b(?:workshops?|webinars?|events?|sessions?|seminars?|how did you hear|feedback|dietary|"
                           r"t ?shirt|availability|available|suggestions?|comments? for (?:us|the organi[sz]ers)|"
                           r"talleres?|eventos?|veranstaltungs?|ateliers?|evenements?)\b")
PROFILE_FIELDS = frozenset({"summary", "skills", "interests", "wants", "role", "company", "career_stage"})

# Kinds of values that rule a field out; a column whose values are of such a kind is vetoed.
# (Empty columns are never vetoed: a header alone may map a column nobody answered yet.) The
# lists name only clear contradictions, so a tiny file whose profile is unsure is not vetoed.
_CONTACT = {"email", "url", "handle"}
FORBIDDEN_KINDS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in {
    "id": {"yes_no", "ordinal", "multi_choice", "date", "url"},
    "name": _CONTACT | {"number", "id_like", "date", "yes_no", "ordinal", "multi_choice"},
    "first_name": _CONTACT | {"number", "id_like", "date", "yes_no", "ordinal", "multi_choice"},
    "last_name": _CONTACT | {"number", "id_like", "date", "yes_no", "ordinal", "multi_choice"},
    "email": {"number", "id_like", "yes_no", "ordinal", "date", "url", "multi_choice", "handle"},
    "slack": {"yes_no", "ordinal", "number", "date", "email", "url", "multi_choice"},
    "linkedin": {"yes_no", "ordinal", "number", "date", "email", "multi_choice", "id_like"},
    "company": _CONTACT | {"yes_no", "ordinal", "number", "date", "id_like", "multi_choice"},
    "role": _CONTACT | {"yes_no", "number", "date", "id_like", "ordinal", "multi_choice"},
    "career_stage": _CONTACT | {"date", "id_like", "multi_choice", "yes_no"},
    "years_experience": _CONTACT | {"date", "yes_no", "multi_choice"},
    "location": _CONTACT | {"date", "yes_no", "number", "ordinal", "id_like"},
    "country": _CONTACT | {"date", "yes_no", "number", "ordinal", "id_like", "multi_choice"},
    "timezone": _CONTACT | {"date", "yes_no", "ordinal", "id_like"},
    "lat": _CONTACT | {"date", "yes_no", "multi_choice"},
    "lon": _CONTACT | {"date", "yes_no", "multi_choice"},
    "summary": _CONTACT | {"yes_no", "number", "ordinal", "date", "id_like"},
    "wants": _CONTACT | {"yes_no", "number", "ordinal", "date", "id_like"},
    "skills": _CONTACT | {"yes_no", "number", "ordinal", "date", "id_like"},
    "interests": _CONTACT | {"yes_no", "number", "ordinal", "date", "id_like"},
    "similar_role_required": _CONTACT | {"date", "id_like"},
    "side": _CONTACT | {"number", "date", "id_like", "yes_no"},
    "capacity": _CONTACT | {"date", "yes_no", "multi_choice", "id_like"},
    "keep_registered": _CONTACT | {"date", "id_like", "ordinal"},
    "submitted_at": _CONTACT | {"yes_no", "multi_choice", "ordinal"},
}.items()}

# Short answers only (average words per answer at most this); longer text is an essay, not this field.
MAX_WORDS: dict[str, float] = {"name": 5, "first_name": 3, "last_name": 4, "company": 6, "role": 8, "career_stage": 8,
                               "years_experience": 6, "location": 8, "country": 4, "timezone": 6, "slack": 3,
                               "linkedin": 3, "id": 3, "capacity": 4, "side": 10, "keep_registered": 12}

SIDE_WORDS = re.compile(r"\b(?:mentor\w*|mentee\w*|mentorad[oa]s?|aprendiz|protege|coach|coachee|filleul\w*|parrain\w*)\b",
                        re.IGNORECASE)

# Submission-level ids: they identify a response, not a person, so a person-level id column wins.
SUBMISSION_IDS = frozenset({"response id", "submission id", "response", "submission", "entry id", "antwort id",
                            "id de respuesta", "id de la respuesta"})
# Headers that rule a field out whatever the values (hire/birth/start dates are not submission times).
HEADER_VETOES: dict[str, re.Pattern] = {
    "submitted_at": re.compile(r"\b(?:start|started|begin|hire|hired|birth|birthday|joined|join|graduation|available|"
                               r"availability|last modified|modified|edited|updated)\b|" + START_WORDS),
    "slack": re.compile(r"\b(?:github|gitlab|twitter|discord|instagram|telegram|mastodon|bluesky|x com)\b"),
    "linkedin": re.compile(r"\b(?:github|gitlab|twitter|discord|instagram|telegram|portfolio|website|personal site)\b"),
    "email": re.compile(r"\b(?:manager|supervisor|emergency|parent|guardian|reference|advisor|adviser)\b"),
    "career_stage": re.compile(r"\b(?:age|ages|edad|alter|how old|idea|startup|company|project|product|funding)\b"),
    "years_experience": re.compile(r"\b(?:age|ages|edad|alter|how old)\b"),
    # "City and country" asks for a place to geocode, not the country alone.
    "country": re.compile(r"\b(?:city|ciudad|cidade|citta|ville|stadt|stad|town|woonplaats)\b"),
    "company": re.compile(r"\b(?:industry|industries|sector|field|branche|industria|secteur)\b|" + ORG_UNIT),
    "name": re.compile(r"\b(?:emergency|contact|manager|supervisor|parent|guardian|advisor|adviser)\b"),
}
# Fields the semantic fallback may propose (contact and switch fields need a keyword or the values).
SEMANTIC_FIELDS = frozenset({"name", "company", "role", "career_stage", "years_experience", "location", "country",
                             "timezone", "summary", "skills", "interests", "wants"})
# Words too common in questions to say anything about the field (dropped before the TF-IDF comparison).
STOPWORDS = frozenset("""a an the and or of to in on at for with from by is are am be do does did you your yours
i me my we us our what which who whom how why when where would will could can should please tell us about this that
it its any have has there here if as so than then de la el los las en y o que cual cuales tu su sus es son por para
con un una der die das und oder zu im in mit du ihr sie ist sind was welche welcher wie wo bitte le les des et ou
est sont quel quelle quels quelles votre vos ton ta tes pour avec un une""".split())
