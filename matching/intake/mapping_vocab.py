"""More words for the header rules of :mod:`.mapping_rules`: Portuguese, Italian and Dutch form
vocabulary, HR-report (roster) vocabulary, and English phrasings seen in community, club and
alumni forms. Data only; :mod:`.mapping_rules` merges it into each field's rule.

Written in :func:`~matching.intake.mapping.normalize_header` form (lower case, no accents,
punctuation -> spaces). Field -> (exact headers, keyword patterns).
"""

from __future__ import annotations

# "How many" in the languages we read; with a word for people or a verb of mentoring it asks for a capacity.
HOW_MANY = r"(?:how many|cuant[oa]s|quant[oa]s|quant[ei]|hoeveel|wie viele|combien de|ile)"
PEOPLE = (r"(?:pessoas|persone|personas|personen|persons?|people|mensen|deelnemers|participant\w*|partecipanti|"
          r"mentee\w*|mentorad\w*|mentorat\w*|estudantes|studenti|alunos|alunni|students?|filleuls|aprendizes|"
          r"famil\w*|households?|newcomers?|nieuwkomers|guests?|gasten|jongeren|juniors?|matches|buddies|maatjes)")
MENTOR_VERBS = (r"(?:mentor\w*|seguire|accompagnare|begeleiden|bezoeken|acompanhar|orientar|accompagner|host|welcome|"
                r"take on|coach\w*|support|visit|guide|tutor\w*|ospitare|accogliere|receber|ontvangen)")

EXTRA_RULES: dict[str, tuple[set[str], tuple[str, ...]]] = {
    "similar_role_required": (
        {"mesmo cargo", "stesso ruolo", "zelfde functie", "zelfde rol"},
        (r"(?:mesmo|mesma|similar|parecido) (?:cargo|funcao|area)", r"(?:stesso|simile) (?:ruolo|lavoro)",
         r"(?:zelfde|vergelijkbare) (?:functie|rol|baan)"),
    ),
    "keep_registered": (
        set(),
        (r"proximas rodadas|proximos ciclos|prossim[ei] (?:edizion|turn)|volgende rondes",),
    ),
    "capacity": (
        {"capacidade", "capacita", "capaciteit", "max mentorados", "numero de mentorados"},
        (HOW_MANY + r"\b.*\b" + PEOPLE + r"\b", HOW_MANY + r"\b.*\b" + MENTOR_VERBS + r"\b",
         r"\b" + PEOPLE + r" (?:i|we|you) (?:can|could|would) (?:" + MENTOR_VERBS[3:-1] + r")\b",
         r"\bnumero (?:de |di )?(?:mentorad|mentee|persone|pessoas)", r"\baantal (?:deelnemers|mensen|maatjes)\b"),
    ),
    "side": (
        {"mentor ou mentorado", "mentor o mentee", "mentor of mentee", "rol in het programma"},
        (r"participar como|partecipare come|deelnemen als|deelname als|meedoen als|inscrever se como|iscriverti come",
         r"\b(?:welcomer|greeter|host) or (?:newcomer|guest|new member)\b",
         r"\b(?:newcomer|guest|new member) or (?:welcomer|greeter|host)\b"),
    ),
    "submitted_at": (
        {"carimbo de data hora", "carimbo de data e hora", "informazioni cronologiche", "indicatore data e ora",
         "tijdstempel", "recorded date", "data de envio", "data di invio", "verzonden op", "ingediend op",
         "submission time", "end date"},
        (r"\b(?:tijdstip van voltooien|voltooiingstijd|ora di completamento|hora de conclusao|fertigstellungszeit|"
         r"abschlusszeit|heure d achevement)\b", r"\b(?:data )?hora do envio\b|\benviad[oa] em\b|\binviat[oa] (?:il|alle)\b",
         r"\bcarimbo de data\b", r"\binformazioni cronologiche\b", r"\btijdstempel\b", r"\brecorded (?:date|on|at)\b",
         r"\bdata (?:de|di) (?:envio|invio|resposta|risposta)\b", r"\b(?:verzonden|ingediend) op\b"),
    ),
    "id": (
        {"worker id", "associate id", "colaborador id", "matricola", "personeelsnummer"},
        (r"\b(?:worker|associate|team member) (?:id|number|no)\b",),
    ),
    "first_name": (
        {"primeiro nome", "voornaam", "nome proprio", "nome di battesimo", "roepnaam"},
        (r"\bprimeiro nome\b", r"\bvoornaam\b", r"\broepnaam\b",
         # Sub-fields of one name question: "Your Name (First)", "Name - First", "Name [First name]".
         r"\bname (?:first|given)(?: name)?$", r"^(?:first|given) (?:name )?of (?:your )?name$"),
    ),
    "last_name": (
        {"sobrenome", "apelido", "ultimo nome", "cognome", "achternaam", "familienaam"},
        (r"\bsobrenome\b", r"\bcognome\b", r"\bachternaam\b", r"\bfamilienaam\b",
         r"\bname (?:last|family|surname)(?: name)?$"),
    ),
    "email": (
        {"endereco de e mail", "endereco de email", "indirizzo email", "indirizzo e mail", "indirizzo di posta",
         "e mailadres", "emailadres", "mailadres", "posta elettronica"},
        (r"\b(?:e ?mailadres|posta elettronica)\b",),
    ),
    "company": (
        {"azienda", "societa", "datore di lavoro", "empregador", "bedrijf", "werkgever", "organisatie",
         "instituicao", "istituzione"},
        (r"\b(?:azienda|societa|empregador|bedrijf|werkgever|organisatie)\b", r"onde (?:voce )?trabalha|dove lavori|"
         r"waar werk je"),
    ),
    "career_stage": (
        {"senioridade", "nivel profissional", "livello", "anzianita", "senioriteit", "niveau", "management level",
         "job level", "grade"},
        (r"\bsenioridade\b", r"\blivello (?:di )?(?:esperienza|professionale|di carriera)\b",
         r"\bfase (?:da|della) carriera\b", r"\b(?:management|job|career) (?:level|grade|band)\b"),
    ),
    "years_experience": (
        {"anni di esperienza", "jaren ervaring", "tempo de experiencia", "werkervaring", "esperienza"},
        (r"\b(?:tempo|anni|anos|jaren|jaar) (?:de |di |d |aan )?(?:experiencia|esperienza|ervaring|werkervaring)\b",
         r"\bda quanti anni\b|\bha quanto tempo\b|\bhoe lang (?:al|ben|werk)\b", r"\bhow long have you been\b",
         r"\bhow long (?:have you )?(?:worked|practis|practic)"),
    ),
    "role": (
        {"ruolo", "ruolo attuale", "mansione", "professione", "qualifica", "funcao", "profissao", "ocupacao",
         "functie", "beroep", "functietitel", "business title", "job profile", "position title"},
        (r"\b(?:ruolo|mansione|professione|qualifica|funcao|profissao|functie|beroep|functietitel)\b",
         r"\b(?:business|position|working|official|current) title\b", r"\bjob (?:profile|family)\b",
         r"\bcargo (?:atual|actual)\b"),
    ),
    "timezone": ({"fuso horario", "fuso orario", "tijdzone"}, (r"fuso (?:horario|orario)|\btijdzone\b",)),
    "country": ({"pais", "paese", "nazione", "land van herkomst", "woonland"}, (r"\bpaese\b|\bnazione\b",)),
    "location": (
        {"cidade", "citta", "stad", "woonplaats", "plaats", "localita", "bairro", "quartiere", "wijk", "comune",
         "cidade estado", "provincia", "gemeente", "residenza"},
        (r"\b(?:cidade|citta|woonplaats|localita|bairro|quartiere|wijk|gemeente|residenza)\b",
         r"\b(?:parish|district|borough|suburb|county)\b",
         r"^(?!(?:focus|interest|practice|study|expertise|subject|research|topic|skill|growth|problem|work|"
         r"improvement)\b)\w+ area$",
         r"onde (?:voce )?mora|dove vivi|dove abiti|waar woon je"),
    ),
    "wants": (
        {"objetivos", "expectativas", "metas", "obiettivi", "aspettative", "wensen", "verwachtingen", "doelen",
         "wat zoek je"},
        (r"\bo que (?:voce )?(?:espera|busca|procura|gostaria)\b", r"\bcosa (?:ti aspetti|cerchi|speri|vorresti)\b",
         r"\b(?:aspettative|obiettivi|verwachtingen|wensen)\b", r"\bwat (?:zoek|verwacht|hoop|wil) (?:je|u)\b",
         r"\bwhat are you (?:training|aiming|preparing|striving|working) (?:for|towards?)\b",
         r"\b(?:development|learning|growth|career) goals?\b", r"\bhoping to (?:gain|get|learn)\b"),
    ),
    "summary": (
        {"sobre voce", "sobre mim", "su di te", "su di me", "presentazione", "over mij", "over jezelf", "over uzelf",
         "voorstellen"},
        (r"\bsobre (?:voce|vc|mim)\b", r"\bfale (?:um pouco )?(?:sobre|de) (?:voce|vc)\b", r"\bpresentat[ie]\b",
         r"\bsu di (?:te|me)\b", r"\bover (?:mij|jezelf|uzelf)\b", r"\bstel (?:je|jezelf) voor\b",
         r"\b(?:career|professional|life|personal) (?:journey|story|history)\b",
         r"\bshare (?:a bit|a little|something|more) about\b", r"\b(?:tell us |share )?your (?:story|journey)\b", r"\b(?:should|need to) know about you\b",
         r"\banything (?:else )?(?:we|they|your \w+(?: \w+)?) should know\b"),
    ),
    "skills": ({"competencias", "competenze", "vaardigheden", "areas of expertise"},
               (r"\b(?:competenze|vaardigheden|habilidades)\b",)),
    "interests": ({"interesses", "interessi", "interesses e hobbies", "argomenti", "onderwerpen", "hobby s"},
                  (r"\b(?:interess[ei]|argomenti|onderwerpen|passatempi|assuntos)\b", r"\bministr(?:y|ies)\b")),
    "name": (
        {"nome", "nome completo", "seu nome", "nome e cognome", "cognome e nome", "il tuo nome", "naam",
         "volledige naam", "je naam", "uw naam", "voor en achternaam", "employee name", "worker name"},
        (r"^(?:seu |o seu |il tuo |je |uw )?nome(?: completo| e cognome)?$", r"^(?:je |uw |volledige )?naam$",
         r"^(?:voor en )?achternaam en voornaam$"),
    ),
}

# Header words that make a column a person's name when its values look like people's names
# ("Worker", "Member", "Volunteer"): without such values they mean nothing.
PERSON_HEADER = (r"\b(?:worker|employee|associate|team member|member|participant|person|volunteer|attendee|runner|"
                 r"player|resident|parishioner|student|colleague|staff|respondent|applicant|guest|partecipante|deelnemer|participante|membro|lid|vrijwilliger)\b")

# Org-unit words: such a column is a team or department, never the employer.
ORG_UNIT = (r"\b(?:supervisory|cost cent(?:er|re)|department|dept|division|business unit|team|unit|squad|"
            r"small group|cell group|ministry|org unit|reparto|afdeling|departamento|abteilung)\b")

# Start-of-response words in other languages: a start time is not the submission time.
START_WORDS = r"\b(?:begintijd|begonnen|inizio|inicio|debut|beginn|startzeit|aanvang)\b"
