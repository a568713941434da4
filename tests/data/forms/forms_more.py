"""Forms in Spanish, German and French, a SurveyMonkey two-row export and a Notion database export."""

from __future__ import annotations

import datetime as dt

from make_forms import (HOBBIES, People, chance, duplicate_last, email, iso_time, odd_case, pick, picks,
                        sentence_join, slug, stamps, voice, write_csv)

# =====================================================================================
# 11. Google Forms (Spanish): professional mentoring program
# =====================================================================================

ES_CARGOS = ["Desarrolladora backend", "Analista de datos", "Ingeniero de software senior", "Product manager",
             "Diseñadora UX", "Científica de datos", "Líder técnico", "Estudiante de ingeniería informática",
             "Consultor SAP", "Ingeniera de QA", "Gerente de proyectos", "Fundador de una startup"]
ES_EMPRESAS = ["Mercado Libre", "una consultora", "Globant", "Freelance", "Banco Andino", "una startup de fintech",
               "Universidad de Chile", "Rappi", "Telefónica", "una ONG"]
ES_CIUDADES = ["Madrid, España", "Ciudad de México", "Buenos Aires, Argentina", "Bogotá, Colombia", "Santiago de Chile",
               "Lima, Perú", "Barcelona", "Montevideo, Uruguay", "Guadalajara, MX", "Medellín", "Quito, Ecuador"]
ES_SOBRE = ["Trabajo hace {y} años en {area} y me encanta enseñar", "Vengo del mundo de {area}, ahora estoy aprendiendo Python",
            "Soy {cargo} y lidero un equipo pequeño", "Me cambié de carrera hace poco, antes era profesora de matemáticas",
            "Me interesa mucho {area}; en mis ratos libres hago {hobby}", "Llevo {y} años programando, sobre todo en Java",
            "Mamá de dos, trabajo remoto desde hace tres años"]
ES_AREAS = ["desarrollo web", "ciencia de datos", "producto", "diseño de experiencia", "infraestructura cloud",
            "ciberseguridad", "banca", "comercio electrónico"]
ES_LOGRAR = ["Quiero conseguir mi primer trabajo en tecnología", "Me gustaría crecer hacia un rol de liderazgo",
             "Busco orientación para cambiar de carrera", "Compartir lo que he aprendido y ayudar a otras mujeres en tech",
             "Preparar entrevistas técnicas", "Aprender a negociar salario", "Mejorar mi inglés profesional y trabajar para afuera",
             "Ayudar a alguien que esté empezando", "Armar un portafolio sólido"]
ES_TEMAS = ["Desarrollo de carrera", "Liderazgo", "Entrevistas técnicas", "Emprendimiento", "Trabajo remoto",
            "Ciencia de datos", "Diseño UX", "Negociación salarial"]


def gforms_es_mentoria(rng, name: str) -> None:
    header = ["Marca temporal", "Dirección de correo electrónico", "Nombre completo", "¿Participas como mentor/a o como mentee?",
              "Si eres mentor/a, ¿cuántas personas puedes acompañar?", "Cargo actual", "Empresa u organización",
              "Años de experiencia", "Ciudad y país", "Cuéntanos un poco sobre ti", "¿Qué te gustaría lograr con el programa?",
              "Temas de interés", "Perfil de LinkedIn", "¿Aceptas la política de privacidad?"]
    people = People(rng, ["Spain", "Mexico", "Argentina", "Colombia", "Spain", "Mexico", "Brazil", "US"])
    times = stamps(rng, 44, dt.datetime(2024, 2, 12, 10, 0), 15)
    rows = []
    for t in times:
        p = people.draw()
        mentor = chance(rng, 0.36)
        cargo = pick(rng, ES_CARGOS[:11] if mentor else ES_CARGOS)
        y = int(rng.integers(6, 20)) if mentor else int(rng.integers(0, 4))
        sobre = pick(rng, ES_SOBRE).format(y=y, area=pick(rng, ES_AREAS), cargo=cargo.lower(),
                                           hobby=pick(rng, ["escalada", "cerámica", "fútbol", "fotografía"]))
        rows.append([f"{t.day}/{t.month}/{t.year} {t.hour}:{t.minute:02d}:{t.second:02d}", email(rng, p), odd_case(rng, p["name"]),
                     "Mentor/a" if mentor else "Mentee", pick(rng, ["1", "2", "3", "2"]) if mentor else "", cargo,
                     pick(rng, ES_EMPRESAS), str(y) if not chance(rng, 0.05) else pick(rng, ["más de 10", "5 años"]),
                     pick(rng, ES_CIUDADES), voice(rng, sobre + "."), voice(rng, pick(rng, ES_LOGRAR[3:4] + ES_LOGRAR[7:8] if mentor else ES_LOGRAR)),
                     ", ".join(picks(rng, ES_TEMAS, int(rng.integers(1, 4)))),
                     f"https://www.linkedin.com/in/{slug(p['first'])}{slug(p['last'])}" if chance(rng, 0.6) else "", "Sí"])
    expected = {
        "tool": "Google Forms (Spanish)", "program": "mentoring",
        "mapping": {"submitted_at": "Marca temporal", "email": header[1], "name": "Nombre completo", "side": header[3],
                    "capacity": header[4], "role": "Cargo actual", "company": header[6], "years_experience": "Años de experiencia",
                    "location": "Ciudad y país", "summary": header[9], "wants": header[10], "interests": "Temas de interés",
                    "linkedin": "Perfil de LinkedIn"},
        "unmapped": [header[13]],
        "must_not": {header[13]: ["keep_registered", "similar_role_required"]},
        "signal_columns": [header[9], header[10], "Temas de interés"],
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 12. LimeSurvey (German): company coffee buddies, semicolon-separated with a BOM
# =====================================================================================

DE_ABTEILUNGEN = ["Vertrieb", "Entwicklung", "Personal", "Finanzen", "Marketing", "Logistik", "Einkauf", "IT"]
DE_POSITIONEN = ["Softwareentwicklerin", "Teamleiter Vertrieb", "Werkstudent", "Controllerin", "Produktmanager",
                 "Personalreferentin", "Data Analyst", "Projektleiter", "UX-Designerin", "Einkäufer", "Systemadministrator"]
DE_STANDORTE = ["München", "Berlin", "Hamburg", "Köln", "Stuttgart", "Leipzig", "Wien", "Zürich", "Homeoffice (Frankfurt)"]
DE_UEBER = ["Ich bin seit {j} Jahren im Unternehmen und arbeite in der {abt}", "Neu in {ort}, suche Anschluss",
            "Ich koche gern und fahre Rennrad", "Zwei Kinder, ein Hund, wenig Schlaf", "Früher Lehrer, jetzt in der {abt}",
            "Ich spiele Handball im Verein und organisiere unseren Stammtisch", "Kaffee-Nerd mit Siebträger im Büro"]
DE_THEMEN = ["Karriere", "Nachhaltigkeit", "Reisen", "Bücher", "Sport", "KI im Alltag", "Führung", "Elternzeit", "Kochen"]
DE_WUENSCHE = ["Jemanden aus einer anderen Abteilung kennenlernen", "Einfach nette Gespräche in der Mittagspause",
               "Austausch mit erfahrenen Kolleg:innen", "Jemanden, der auch neu ist", "Gerne auf Englisch, mein Deutsch ist noch nicht so gut",
               "Keine besonderen Wünsche", "Jemanden aus der IT, ich habe viele Fragen"]


def limesurvey_de_kaffee(rng, name: str) -> None:
    header = ["Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "Zufallsstartwert", "Vorname", "Nachname",
              "E-Mail-Adresse", "Abteilung", "Position", "Standort", "Berufserfahrung (in Jahren)",
              "Erzähl uns kurz etwas über dich", "Worüber würdest du gerne sprechen?",
              "Was wünschst du dir von deinem Kaffee-Buddy?", "Sprachen", "Möchtest du auch an künftigen Runden teilnehmen?"]
    people = People(rng, ["Germany", "Germany", "Germany", "Turkey", "Poland", "Italy", "Ukraine", "Greece", "Iran"])
    times = stamps(rng, 48, dt.datetime(2024, 1, 8, 8, 0), 11)
    rows = []
    for k, t in enumerate(times):
        p = people.draw()
        abt = pick(rng, DE_ABTEILUNGEN)
        ueber = pick(rng, DE_UEBER).format(j=int(rng.integers(1, 15)), abt=abt, ort=pick(rng, DE_STANDORTE))
        rows.append([str(k + 1), iso_time(t), "2", "de", str(int(rng.integers(100000000, 2000000000))), odd_case(rng, p["first"]),
                     p["last"], email(rng, p, "alpenwerk.de"), abt, pick(rng, DE_POSITIONEN), pick(rng, DE_STANDORTE),
                     str(int(rng.integers(0, 30))), voice(rng, ueber + "."), ", ".join(picks(rng, DE_THEMEN, int(rng.integers(1, 4)))),
                     voice(rng, pick(rng, DE_WUENSCHE)), pick(rng, ["Deutsch", "Deutsch, Englisch", "Deutsch, Türkisch", "Englisch"]),
                     pick(rng, ["Ja", "Ja", "Nein"])])
    rows[9][12] = ""
    expected = {
        "tool": "LimeSurvey (German)", "program": "peer",
        "mapping": {"id": "Antwort ID", "submitted_at": "Datum Abgeschickt", "first_name": "Vorname", "last_name": "Nachname",
                    "email": "E-Mail-Adresse", "role": "Position", "location": "Standort", "years_experience": header[11],
                    "summary": header[12], "interests": header[13], "wants": header[14], "keep_registered": header[16]},
        "unmapped": ["Letzte Seite", "Start-Sprache", "Zufallsstartwert", "Abteilung", "Sprachen"],
        "must_not": {"Letzte Seite": ["capacity", "years_experience"], "Zufallsstartwert": ["id"], "Abteilung": ["role", "company"],
                     "Start-Sprache": ["location", "country"]},
        "signal_columns": ["Abteilung", header[12], header[13], header[14], "Sprachen"],
    }
    write_csv(name, header, rows, expected, sep=";", encoding="utf-8-sig")


# =====================================================================================
# 13. Google Forms (French): peer pairing ("binômes") in a tech community
# =====================================================================================

FR_POSTES = ["Développeuse front-end", "Data scientist", "Chef de projet", "Ingénieur DevOps", "Designer produit",
             "Alternant développeur", "Responsable marketing", "Consultante data", "CTO", "Ingénieure logiciel"]
FR_ENTREPRISES = ["Doctolib", "une ESN", "Indépendant", "BNP Paribas", "une startup", "Ubisoft", "La Poste", "Qonto"]
FR_VILLES = ["Paris", "Lyon", "Nantes", "Bordeaux", "Lille", "Toulouse", "Montréal", "Bruxelles", "Genève", "Marseille"]
FR_PRESENT = ["Je travaille dans {dom} depuis {a} ans", "Reconversion après dix ans dans la restauration",
              "Passionnée de {dom}, je fais aussi de l'escalade", "Je viens d'arriver à {ville} et je cherche à rencontrer du monde",
              "Développeur le jour, musicien la nuit", "J'anime un meetup sur {dom}"]
FR_DOMAINES = ["la data", "le développement web", "le design", "la cybersécurité", "le produit", "le cloud"]
FR_ATTENTES = ["Échanger sur nos parcours", "Quelqu'un de plus expérimenté en {dom}", "Pratiquer mon français (je suis anglophone)",
               "Un binôme pour préparer des entretiens", "Rencontrer des gens hors de ma boîte", "Pas d'attente particulière"]
FR_INTERETS = ["Open source", "Carrière", "Freelance", "IA", "Accessibilité", "Entrepreneuriat", "Écologie numérique"]


def gforms_fr_binomes(rng, name: str) -> None:
    header = ["Horodateur", "Adresse e-mail", "Prénom", "Nom", "Poste actuel", "Entreprise", "Ville", "Niveau d'expérience",
              "Présentez-vous en quelques phrases", "Compétences principales", "Qu'attendez-vous de votre binôme ?",
              "Centres d'intérêt", "Souhaitez-vous participer aux prochaines sessions ?", "Pseudo Slack"]
    people = People(rng, ["France", "France", "France", "Canada", "Nigeria", "Lebanon", "Vietnam", "Ghana"])
    times = stamps(rng, 39, dt.datetime(2024, 9, 2, 9, 0), 12)
    rows = []
    for t in times:
        p = people.draw()
        dom = pick(rng, FR_DOMAINES)
        rows.append([t.strftime("%d/%m/%Y %H:%M:%S"), email(rng, p), odd_case(rng, p["first"]), p["last"], pick(rng, FR_POSTES),
                     pick(rng, FR_ENTREPRISES), pick(rng, FR_VILLES), pick(rng, ["Junior (0-2 ans)", "Confirmé (3-7 ans)", "Senior (8 ans et +)"]),
                     voice(rng, pick(rng, FR_PRESENT).format(dom=dom, a=int(rng.integers(2, 12)), ville=pick(rng, FR_VILLES)) + "."),
                     ", ".join(picks(rng, ["Python", "React", "SQL", "Figma", "Kubernetes", "gestion de projet", "Java", "SEO"], 3)),
                     voice(rng, pick(rng, FR_ATTENTES).format(dom=dom)), ", ".join(picks(rng, FR_INTERETS, int(rng.integers(1, 4)))),
                     pick(rng, ["Oui", "Oui", "Non", "Peut-être"]), pick(rng, [f"@{p['first'].lower()}", "", f"{p['first'].lower()}.{p['last'][0].lower()}"])])
    duplicate_last(rng, rows, 0, lambda t: t.strftime("%d/%m/%Y %H:%M:%S"), times[-1])
    expected = {
        "tool": "Google Forms (French)", "program": "peer",
        "mapping": {"submitted_at": "Horodateur", "email": "Adresse e-mail", "first_name": "Prénom", "last_name": "Nom",
                    "role": "Poste actuel", "company": "Entreprise", "location": "Ville", "career_stage": header[7],
                    "summary": header[8], "skills": header[9], "wants": header[10], "interests": "Centres d'intérêt",
                    "keep_registered": header[12], "slack": "Pseudo Slack"},
        "unmapped": [],
        "must_not": {"Nom": ["name"]},
        "signal_columns": [header[8], header[9], header[10], "Centres d'intérêt"],
        "notes": "'Nom' is the family name in French.",
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 14. SurveyMonkey: professional association mentoring, two header rows
# =====================================================================================

SM_INDUSTRIES = ["Construction", "Energy & utilities", "Manufacturing", "Transportation", "Consulting", "Government"]
SM_AREAS = ["Technical skills", "Leadership", "Career transitions", "Licensing (PE exam)", "Work-life balance", "Networking"]
SM_TITLES_SENIOR = ["Principal Structural Engineer", "Project Director", "Senior Civil Engineer", "VP of Operations",
                    "Engineering Manager", "Chief Engineer, Transit"]
SM_TITLES_JUNIOR = ["EIT - Civil", "Junior Mechanical Engineer", "Graduate Engineer", "Field Engineer", "Design Engineer I",
                    "Environmental Engineering Intern"]
SM_BIO = ["I've spent {y} years designing bridges and still get excited about concrete", "Started in the field, now managing a team of {n}",
          "Recent graduate working on stormwater projects", "I switched from architecture to structural engineering",
          "Studying for the PE while working full time", "Mother of three, {y} years in transportation planning",
          "I lead the energy practice at a mid-size consultancy", "First-generation engineer, passionate about mentoring"]
SM_GOALS = ["Pass the PE exam on the first try", "Understand the path to project manager", "Give back to the profession",
            "Get better at client communication", "Decide between consulting and public sector", "Help a young engineer avoid my mistakes",
            "Build confidence presenting to city councils", "Learn about sustainable design"]


def surveymonkey_association_mentoring(rng, name: str) -> None:
    q = {"name": "What is your full name?", "email": "What is the best email to reach you?",
         "side": "Would you like to participate as a mentor or a mentee?", "role": "What is your current job title?",
         "industry": "Which industry do you work in?", "years": "How many years of professional experience do you have?",
         "cap": "If you are a mentor, how many mentees can you take on this year?",
         "areas": "Which areas would you like to focus on? (select all that apply)", "bio": "Please share a short bio",
         "goals": "What are your goals for this mentorship?", "city": "Which city or region are you located in?"}
    builtins = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
                "Last Name", "Custom Data 1"]
    row1 = builtins + [q["name"], q["email"], q["side"], q["role"], q["industry"], "", q["years"], q["cap"], q["areas"]] + \
        [""] * (len(SM_AREAS) - 1) + [q["bio"], q["goals"], q["city"]]
    row2 = [""] * len(builtins) + ["Open-Ended Response", "Open-Ended Response", "Response", "Open-Ended Response", "Response",
                                   "Other (please specify)", "Response", "Response"] + SM_AREAS + \
        ["Open-Ended Response", "Open-Ended Response", "Open-Ended Response"]
    columns = builtins + [q["name"], q["email"], q["side"], q["role"], q["industry"], f"{q['industry']} - Other (please specify)",
                          q["years"], q["cap"]] + [f"{q['areas']} - {a}" for a in SM_AREAS] + [q["bio"], q["goals"], q["city"]]
    people = People(rng, ["US", "US", "US", "India", "Nigeria", "Mexico", "China", "Philippines", "Ethiopia", "Canada"])
    times = stamps(rng, 31, dt.datetime(2024, 1, 22, 8, 0), 20)
    rows = []
    for t in times:
        p = people.draw()
        mentor = chance(rng, 0.4)
        y = int(rng.integers(10, 30)) if mentor else int(rng.integers(0, 5))
        ind = pick(rng, SM_INDUSTRIES + ["Other (please specify)"])
        start = t - dt.timedelta(minutes=float(rng.uniform(3, 20)))
        rows.append([str(int(rng.integers(114000000000, 114999999999))), "431552871", start.strftime("%m/%d/%Y %I:%M:%S %p"),
                     t.strftime("%m/%d/%Y %I:%M:%S %p"), f"{int(rng.integers(20, 220))}.{int(rng.integers(0, 255))}.{int(rng.integers(0, 255))}.{int(rng.integers(1, 255))}",
                     "", "", "", "", odd_case(rng, p["name"]), email(rng, p), "Mentor" if mentor else "Mentee",
                     pick(rng, SM_TITLES_SENIOR if mentor else SM_TITLES_JUNIOR), "" if ind.startswith("Other") else ind,
                     pick(rng, ["Water resources", "Aerospace", "Academia"]) if ind.startswith("Other") else "",
                     "20+" if y >= 20 else "11-20" if y >= 11 else "6-10" if y >= 6 else "3-5" if y >= 3 else "0-2",
                     pick(rng, ["1", "2", "3"]) if mentor else "",
                     *(lambda ch: [a if a in ch else "" for a in SM_AREAS])(picks(rng, SM_AREAS, int(rng.integers(1, 4)))),
                     voice(rng, pick(rng, SM_BIO).format(y=y, n=int(rng.integers(3, 15)))), voice(rng, pick(rng, SM_GOALS)),
                     pick(rng, ["Denver, CO", "Phoenix", "Dallas, TX", "Seattle", "Chicago area", "Minneapolis", "Atlanta", "Columbus, OH"])])
    expected = {
        "tool": "SurveyMonkey (two header rows)", "program": "mentoring",
        "mapping": {"id": "Respondent ID", "submitted_at": "End Date", "name": q["name"], "email": q["email"], "side": q["side"],
                    "role": q["role"], "years_experience": q["years"], "capacity": q["cap"], "summary": q["bio"],
                    "wants": q["goals"], "location": q["city"]},
        "unmapped": ["Collector ID", "Start Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1",
                     q["industry"], f"{q['industry']} - Other (please specify)"] + [f"{q['areas']} - {a}" for a in SM_AREAS],
        "must_not": {"IP Address": ["location", "id"], "Collector ID": ["id"], "Custom Data 1": ["summary"]},
        "signal_columns": [q["industry"], q["bio"], q["goals"]],
        "also_ok": {"Email Address": ["email"], "First Name": ["first_name"], "Last Name": ["last_name"]},
        "notes": ("Row 2 holds 'Response' / 'Open-Ended Response' or the option of a multi-column question; "
                  "a column is named by its question (row 1), an option column by 'question - option'. SurveyMonkey's own "
                  "Email Address / First Name / Last Name columns are empty (web-link collector)."),
    }
    write_csv(name, row1, rows, expected, extra_header_rows=[row2], columns=columns)


# =====================================================================================
# 15. Notion database export: design peer circles
# =====================================================================================

NT_DISCIPLINES = ["Product Design", "UX Research", "Content Design", "Design Systems", "Service Design", "Brand Design"]
NT_FOCUS = ["Accessibility", "Design systems", "Workshops & facilitation", "Portfolio reviews", "Research ops",
            "Motion", "Career ladders", "Critique"]
NT_ABOUT = ["Designing the checkout at a grocery delivery app", "Researcher on a B2B analytics product, ex-anthropologist",
            "Solo designer at a 12-person startup", "Running the design system for four product teams",
            "Content designer, I write the words on buttons", "Freelance brand designer, mostly for nonprofits",
            "Service designer in local government, working on housing benefits"]
NT_TZ = {"US": ["EST", "PST", "CST", "UTC-5"], "Canada": ["EST", "PST", "UTC-5"], "India": ["IST", "UTC+5:30"],
         "UK": ["GMT", "BST", "UTC"], "Brazil": ["BRT", "UTC-3"], "Argentina": ["UTC-3"], "Mexico": ["CST", "UTC-6"],
         "Japan": ["JST", "UTC+9"], "South Korea": ["KST"], "China": ["UTC+8"], "Australia": ["AEST", "UTC+10"],
         "Nigeria": ["WAT", "UTC+1"], "Kenya": ["EAT", "UTC+3"], "South Africa": ["SAST"], "Vietnam": ["UTC+7"],
         "Indonesia": ["UTC+7"], "Philippines": ["UTC+8"], "Pakistan": ["PKT"], "Egypt": ["EET", "UTC+2"]}
NT_PRACTICE = ["Presenting to execs", "Facilitating workshops", "Giving critique without being harsh", "Writing research plans",
               "Prototyping in code", "Saying no to stakeholders", "Portfolio storytelling"]


def notion_design_peer_circles(rng, name: str) -> None:
    header = ["Name", "Discipline", "Seniority", "Based in", "Timezone", "Email", "Focus areas", "About", "Wants to practice",
              "Status", "Created time", "Last edited time"]
    people = People(rng)
    times = stamps(rng, 27, dt.datetime(2024, 5, 6, 9, 0), 21)
    rows = []
    for t in times:
        p = people.draw()
        edited = t + dt.timedelta(days=float(rng.uniform(0, 20)))
        rows.append([odd_case(rng, p["name"]), pick(rng, NT_DISCIPLINES), pick(rng, ["Junior", "Mid", "Senior", "Lead", "Principal"]),
                     p["home"] or "London", pick(rng, NT_TZ.get(p["culture"], ["GMT+1", "CET", "UTC+2"])),
                     email(rng, p), ", ".join(picks(rng, NT_FOCUS, int(rng.integers(1, 4)))),
                     voice(rng, sentence_join(pick(rng, NT_ABOUT), pick(rng, HOBBIES) if chance(rng, 0.4) else "")),
                     voice(rng, pick(rng, NT_PRACTICE)), pick(rng, ["Active", "Active", "Active", "Paused"]),
                     t.strftime("%B %-d, %Y %-I:%M %p"), edited.strftime("%B %-d, %Y %-I:%M %p")])
    expected = {
        "tool": "Notion (database CSV export)", "program": "peer",
        "mapping": {"name": "Name", "role": "Discipline", "career_stage": "Seniority", "location": "Based in",
                    "timezone": "Timezone", "email": "Email", "interests": "Focus areas", "summary": "About",
                    "wants": "Wants to practice", "submitted_at": "Created time"},
        "unmapped": ["Status", "Last edited time"],
        "must_not": {"Status": ["side", "similar_role_required", "career_stage"], "Last edited time": ["submitted_at"]},
        "signal_columns": ["Discipline", "Focus areas", "About", "Wants to practice"],
        "also_ok": {"Status": ["keep_registered"]},
    }
    write_csv(name, header, rows, expected)


FORMS = {
    "google_forms_es_mentoria": gforms_es_mentoria,
    "limesurvey_de_kaffee_buddy": limesurvey_de_kaffee,
    "google_forms_fr_binomes": gforms_fr_binomes,
    "surveymonkey_association_mentoring": surveymonkey_association_mentoring,
    "notion_design_peer_circles": notion_design_peer_circles,
}
