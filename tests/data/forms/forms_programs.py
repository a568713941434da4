"""English-language programs of the corpus: one function per form (see make_forms.py)."""

from __future__ import annotations

import datetime as dt

from make_forms import (HOBBIES, People, chance, duplicate_last, email, gforms_time, iso_time, odd_case, pick,
                        picks, sentence_join, slug, stamps, voice, write_csv, write_xlsx)

# =====================================================================================
# 1. Google Forms: graduate peer mentoring with capacities (Earth & environmental sciences)
# =====================================================================================

SUBDISCIPLINES = ["Hydrology", "Geochemistry", "Climate Science", "Ecology", "Geophysics", "Remote Sensing / GIS",
                  "Paleoclimate", "Environmental Policy", "Soil Science", "Oceanography"]
GRID_Q = "Please rate the importance of the following in a mentoring relationship"
GRID_ROWS = ["research", "career development", "skill development", "work-life balance", "networking"]
IMPORTANCE = ["Very important", "Important", "Somewhat important", "Not important"]
CAREER_GOALS = [
    "I came to grad school after {years} working as {job}, and I want to {goal}",
    "I did my undergrad in {field} and moved into {sub} for my PhD; long term I'd like to {goal}",
    "Currently working on {topic}. After graduating I hope to {goal}",
    "My path has been a bit winding ({job} first, then a master's). I'm aiming to {goal}",
    "I'm interested in {topic} and would like to {goal}",
    "Finishing my thesis on {topic} this year, then I plan to {goal}",
]
JOBS = ["an environmental consultant", "a field technician", "a high school science teacher", "a GIS analyst",
        "a park ranger", "a lab manager", "a data analyst at a utility", "an intern at a state water agency"]
GOALS = ["stay in academia and run my own lab", "work at a national lab", "move into science policy",
         "work in industry doing climate risk modelling", "teach at a liberal arts college",
         "join a conservation NGO", "work for a government agency like the USGS or NOAA", "start a consulting company",
         "do a postdoc abroad and then decide", "work in environmental data science"]
TOPICS_BY_SUB = {
    "Hydrology": ["groundwater recharge in semi-arid basins", "snowmelt timing and streamflow", "flood frequency under climate change"],
    "Geochemistry": ["trace metals in river sediments", "carbon isotopes in cave deposits", "mine drainage remediation"],
    "Climate Science": ["regional downscaling of precipitation", "heat extremes in cities", "Arctic sea ice feedbacks"],
    "Ecology": ["pollinator decline in farmland", "wetland restoration outcomes", "invasive species spread along rivers"],
    "Geophysics": ["induced seismicity", "ground-penetrating radar for archaeology", "glacier dynamics from seismic data"],
    "Remote Sensing / GIS": ["land cover change from satellite imagery", "wildfire burn severity mapping", "LiDAR canopy models"],
    "Paleoclimate": ["lake sediment records of drought", "tree-ring reconstructions", "Holocene monsoon variability"],
    "Environmental Policy": ["water rights and allocation", "community responses to wildfire risk", "carbon markets"],
    "Soil Science": ["soil carbon under cover crops", "microbial communities in permafrost soils", "erosion on burned slopes"],
    "Oceanography": ["coastal upwelling and hypoxia", "microplastics transport", "kelp forest recovery"],
}
PREFS = ["No preference", "No preference!", "no", "N/A", "", "",
         "Someone in {sub} if possible", "Would love a mentor who has done fieldwork abroad",
         "I'd prefer a mentor who is also a first-generation student", "Someone who did industry internships",
         "Preferably a woman or non-binary mentor", "Someone further along in {sub} who has published already",
         "A mentor who has balanced a PhD with having kids", "Not really, anyone who is patient with R questions :)",
         "Someone who works with {sub2} too, my project straddles both", "Ideally someone who TA'd the intro course"]
WORKSHOPS = ["Grant writing", "Python for geoscience", "Science communication", "Job market panel",
             "Mental health & grad school", "Writing a literature review", "Fieldwork safety"]


def gforms_grad_mentoring(rng, name: str) -> None:
    header = ["Timestamp", "Email Address", "Name", "Pronouns", "Are you applying to be a mentor or a mentee?",
              "What year are you in your program?", "How many students would you like to mentor?",
              "Which sub-discipline (s) would represent yours the most? You can select more than one.",
              "In 1-2 sentences, describe your career path and future goals",
              "Do you have any preferences for matching with your mentor?"]
    header += [f"{GRID_Q} [{r}]" for r in GRID_ROWS]
    header += ["Are you in the EES Graduate Slack Workspace?", "Which workshops would you be interested in attending this year?"]
    people = People(rng)
    sides = ["Mentor (2nd year and above)"] * 14 + ["Mentee (incoming/1st year)"] * 19
    sides = [sides[i] for i in rng.permutation(len(sides))]
    times = stamps(rng, len(sides), dt.datetime(2023, 8, 21, 9, 0), 16)
    rows = []
    for i, (side, t) in enumerate(zip(sides, times)):
        p = people.draw()
        mentor = side.startswith("Mentor")
        subs = picks(rng, SUBDISCIPLINES, int(rng.choice([1, 1, 2, 2, 3])))
        sub = subs[0]
        year = pick(rng, ["2nd year PhD", "3rd year PhD", "4th year PhD", "5th+ year PhD", "2nd year MS", "Postdoc"]) \
            if mentor else pick(rng, ["1st year PhD", "1st year PhD", "1st year MS", "Incoming PhD"])
        cap = "" if not mentor else pick(rng, ["1", "2", "2", "3", "3", "4", "2"])
        goal = pick(rng, CAREER_GOALS).format(years=pick(rng, ["two years", "a year", "five years"]), job=pick(rng, JOBS),
                                              goal=pick(rng, GOALS), field=pick(rng, ["biology", "geology", "chemistry", "physics", "geography"]),
                                              sub=sub.lower(), topic=pick(rng, TOPICS_BY_SUB[sub]))
        pref = pick(rng, PREFS).format(sub=sub.lower(), sub2=pick(rng, SUBDISCIPLINES).lower()) if not mentor else \
            pick(rng, ["", "No preference", "Happy to mentor anyone", "Someone in {sub} would be great".format(sub=sub.lower()),
                       "I'd like to mentor someone who is new to the US", "No"])
        grid = [pick(rng, IMPORTANCE[:3] if r == "research" else IMPORTANCE) if not chance(rng, 0.04) else "" for r in GRID_ROWS]
        rows.append([gforms_time(t), str(i + 1), odd_case(rng, p["name"]), pick(rng, ["she/her", "she/her", "she/they", "", "they/them"] if p["gender"] == "f" else ["he/him", "he/him", "he/they", "", "they/them"]),
                     side, year, cap, ", ".join(s for s in SUBDISCIPLINES if s in subs), voice(rng, goal + "."), pref, *grid,
                     pick(rng, ["Yes", "Yes", "No", "Not sure"]), ", ".join(picks(rng, WORKSHOPS, int(rng.integers(0, 4))))])
    # One mentor typed a range, one mentee skipped the essay.
    m = next(r for r in rows if r[4].startswith("Mentor") and r[6] == "3")
    m[6] = "2-3"
    next(r for r in rows if r[4].startswith("Mentee"))[8] = ""
    expected = {
        "tool": "Google Forms", "program": "mentoring",
        "mapping": {"submitted_at": "Timestamp", "id": "Email Address", "name": "Name", "side": header[4],
                    "career_stage": header[5], "capacity": header[6], "summary": header[8], "wants": header[9]},
        "unmapped": ["Pronouns", header[7], *header[10:15], header[15], header[16]],
        "must_not": {"Email Address": ["email"], header[8]: ["company", "role", "skills"], header[9]: ["similar_role_required"],
                     f"{GRID_Q} [skill development]": ["skills"], f"{GRID_Q} [research]": ["interests", "skills"],
                     f"{GRID_Q} [networking]": ["interests"], header[15]: ["slack"], header[16]: ["interests", "skills"],
                     "Pronouns": ["name"], header[6]: ["years_experience"]},
        "signal_columns": [header[7], header[8], header[9]],
        "default_signals": [header[7]],
        "also_ok": {header[7]: ["interests", "skills"]},
        "notes": "The 'Email Address' column was anonymised by the organizer and holds 1, 2, 3 ...",
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 2. Microsoft Forms: employee resource group buddy program (XLSX)
# =====================================================================================

ERGS = ["Women in Tech", "Pride Network", "Black Employee Network", "Parents & Caregivers", "Latinx@Work",
        "Asian Heritage Network", "Veterans Network", "Disability & Neurodiversity Alliance"]
TITLES_CORP = ["Software Engineer II", "Senior Product Manager", "Financial Analyst", "HR Business Partner",
               "Account Executive", "UX Designer", "Data Analyst", "Customer Success Manager", "Marketing Specialist",
               "Staff Engineer", "Recruiter", "Legal Counsel", "IT Support Specialist", "Program Manager",
               "Sales Development Rep", "Senior Accountant", "Engineering Manager", "Technical Writer"]
OFFICES = [("Seattle", "(UTC-08:00) Pacific Time (US & Canada)"), ("Austin", "(UTC-06:00) Central Time (US & Canada)"),
           ("New York", "(UTC-05:00) Eastern Time (US & Canada)"), ("Dublin", "(UTC+00:00) Dublin, Edinburgh, Lisbon, London"),
           ("Bengaluru", "(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi"), ("Remote", "(UTC-05:00) Eastern Time (US & Canada)"),
           ("Toronto", "(UTC-05:00) Eastern Time (US & Canada)"), ("Singapore", "(UTC+08:00) Kuala Lumpur, Singapore")]
CHAT_TOPICS = ["Career growth", "Work-life balance", "Books & podcasts", "Parenting", "Allyship", "Getting promoted",
               "Side projects", "Travel", "Fitness", "Navigating the company", "Public speaking"]
ERG_ABOUT = ["I joined {tenure} ago as a {title} on the {team} team.", "{title}, mostly working on {work}.",
             "I've been at the company for {tenure} and in my current role for about a year.",
             "Recently moved to {office} from {home}.", "I work on {work} and spend too much time in spreadsheets."]
ERG_WORK = ["our billing platform", "enterprise renewals", "the mobile app", "quarterly forecasting", "benefits and payroll",
            "onboarding flows", "vendor contracts", "internal tools", "the EMEA sales pipeline", "design system components"]
ERG_WANTS = ["Meet people outside my team", "Find a mentor-ish person who has been here a while",
             "Someone to grab virtual coffee with every couple of weeks", "Learn how other teams work",
             "Meet other parents juggling work and small kids", "Expand my network beyond engineering",
             "Talk about career moves with someone who has made a few", "Just connect with the community!",
             "Someone who can help me navigate promotions here", "Practice mentoring someone newer than me"]


def ms_forms_erg_buddy(rng, name: str) -> None:
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              "Which employee resource group(s) are you a member of?", "What is your job title?",
              "Which office do you usually work from?", "Which time zone are you in?", "How long have you worked here?",
              "Tell your buddy a little about yourself", "What would you like to get out of the buddy program?",
              "What topics would you enjoy chatting about?", "Would you prefer a buddy from a different team?"]
    people = People(rng)
    n = 46
    times = stamps(rng, n, dt.datetime(2024, 2, 5, 8, 0), 12)
    rows = []
    for i, t in enumerate(times):
        p = people.draw()
        office, tz = pick(rng, OFFICES)
        tenure = pick(rng, ["Less than 1 year", "1-3 years", "3-5 years", "5+ years"])
        title = pick(rng, TITLES_CORP)
        about = sentence_join(pick(rng, ERG_ABOUT).format(tenure=pick(rng, ["six months", "two years", "4 years", "a year"]),
                                                          title=title.lower(), team=pick(rng, ["payments", "growth", "finance", "platform", "people"]),
                                                          work=pick(rng, ERG_WORK), office=office, home=p["home"] or "abroad"),
                              pick(rng, HOBBIES) if chance(rng, 0.7) else "")
        display = p["name"] if not chance(rng, 0.15) else f"{p['last']}, {p['first']}"
        start = t - dt.timedelta(minutes=float(rng.uniform(2, 15)))
        mail = f"{p['first'][0].lower()}{p['last'].lower().replace(' ', '')}@contoso-corp.com"
        rows.append([i + 1, start, t, mail, display, None if chance(rng, 0.9) else t + dt.timedelta(days=1),
                     ";".join(picks(rng, ERGS, int(rng.choice([1, 1, 2, 3])))) + ";", title, office, tz, tenure,
                     voice(rng, about), voice(rng, pick(rng, ERG_WANTS)),
                     ";".join(picks(rng, CHAT_TOPICS, int(rng.integers(1, 5)))) + ";",
                     pick(rng, ["Yes", "No", "No preference", "No preference"])])
    rows[7][11] = ""
    rows[20][6] = ""
    expected = {
        "tool": "Microsoft Forms", "program": "peer",
        "mapping": {"id": "ID", "submitted_at": "Completion time", "email": "Email", "name": "Name", "role": header[7],
                    "location": header[8], "timezone": header[9], "summary": header[11], "wants": header[12],
                    "interests": header[13]},
        "unmapped": ["Start time", "Last modified time", header[6], header[10], header[14]],
        "must_not": {header[14]: ["similar_role_required"], "Last modified time": ["submitted_at"],
                     header[10]: ["capacity"], header[6]: ["role", "company"]},
        "signal_columns": [header[6], header[11], header[12], header[13]],
        "also_ok": {header[10]: ["years_experience"]},
    }
    write_xlsx(name, header, rows, expected, sheet="Sheet1")


# =====================================================================================
# 3. Typeform: coffee chat community (one column per chosen option, piped question text)
# =====================================================================================

TF_OPTIONS = ["Startups", "Career change", "Remote work", "Books", "Climate", "AI & tech", "Design", "Parenting"]
TF_JOBS = ["Product designer at a fintech", "Freelance illustrator", "Nurse, night shifts mostly", "Teacher (year 5)",
           "Backend engineer", "Founder of a tiny coffee roastery", "Solar installer turned project manager",
           "Architect", "PhD student in sociology", "Marketing lead", "Between jobs!", "Civil servant (transport policy)",
           "Data analyst", "Physiotherapist", "Community manager", "Translator (JP/EN)", "Bookkeeper", "UX researcher"]
TF_FACTS = ["I once cycled from Lyon to Rome", "I keep bees on my balcony", "I was a competitive ballroom dancer",
            "I can name every Studio Ghibli film in order", "I've lived in six countries", "I used to be a chef",
            "I'm learning the cello at 40", "I grow chillies that are far too hot", "I ran a tiny zine for five years",
            "I've never seen Star Wars", "I volunteer at a repair café", "I speak Swahili badly but enthusiastically",
            "I built my own canoe", "I have a twin who does the exact same job", "I foster kittens"]
TF_HOPES = ["Meeting people outside my bubble", "Finding a few folks to swap book recommendations with",
            "Advice on switching careers into tech", "Other founders to commiserate with", "Just nice conversations",
            "People who care about climate and want to do something about it", "Remote workers, it gets lonely",
            "Someone to talk design with", "Practicing my English in a relaxed way", "Making friends in a new city"]


def typeform_coffee_chat(rng, name: str) -> None:
    header = ["#", "Hey there! What's your first name?", "And your last name, {{field:3fa2c9d1}}?",
              "What's the best email to reach you?", "Where are you based? (city, country)", "What do you do for work?",
              *TF_OPTIONS, "Tell us one thing people wouldn't guess about you",
              "What are you hoping to get out of these coffee chats?", "How often would you like to be matched?",
              "Can we share your LinkedIn with your match?", "LinkedIn profile (optional)",
              "Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]
    people = People(rng)
    times = stamps(rng, 38, dt.datetime(2024, 4, 2, 7, 0), 9)
    rows = []
    for t in times:
        p = people.draw()
        chosen = picks(rng, TF_OPTIONS, int(rng.integers(1, 5)))
        share = pick(rng, ["Yes", "Yes", "No"])
        li = f"https://www.linkedin.com/in/{slug(p['first'])}-{slug(p['last'])}" if share == "Yes" and chance(rng, 0.7) else ""
        token = "".join(pick(rng, "abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(32))
        rows.append([token, odd_case(rng, p["first"]), p["last"], email(rng, p), p["home"] or pick(rng, ["Lisbon, Portugal", "Berlin", "Toronto"]),
                     pick(rng, TF_JOBS), *[o if o in chosen else "" for o in TF_OPTIONS], voice(rng, pick(rng, TF_FACTS)),
                     voice(rng, pick(rng, TF_HOPES)), pick(rng, ["Every two weeks", "Every week", "Once a month"]), share, li,
                     iso_time(t - dt.timedelta(minutes=float(rng.uniform(1, 9)))), iso_time(t),
                     "".join(pick(rng, "0123456789abcdef") for _ in range(10)), ""])
    rows[11][5] = ""
    expected = {
        "tool": "Typeform", "program": "peer",
        "mapping": {"id": "#", "first_name": header[1], "last_name": header[2], "email": header[3], "location": header[4],
                    "role": header[5], "summary": header[14], "wants": header[15], "linkedin": header[18],
                    "submitted_at": "Submit Date (UTC)"},
        "unmapped": [*TF_OPTIONS, header[16], header[17], "Start Date (UTC)", "Network ID", "Tags"],
        "must_not": {"Network ID": ["id"], header[16]: ["capacity"], header[17]: ["linkedin"], "Design": ["role"],
                     "Career change": ["role", "wants"], "Tags": ["interests", "skills"]},
        "signal_columns": [header[14], header[15]],
        "also_ok": {header[14]: ["interests"]},
        "notes": "Typeform exports a multiple-choice question as one column per option (cell = option or blank).",
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 4. Tally: university peer mentoring (returning students support first-years)
# =====================================================================================

DEGREES = ["BSc Computer Science", "BA History", "BSc Biomedical Science", "BEng Mechanical Engineering", "BA Economics",
           "LLB Law", "BSc Psychology", "BA English Literature", "BSc Mathematics", "BA Architecture", "BSc Nursing"]
STUDY_ABOUT = ["I'm studying {deg} and I love the {part} modules", "{deg}, and honestly the best part is {part}",
               "Doing {deg}. I enjoy {part} but found first year quite overwhelming",
               "Just started {deg}! Excited about {part}", "{deg} - I switched from another course after a year"]
STUDY_PARTS = ["lab", "seminar", "project-based", "group design", "statistics", "placement", "essay-writing", "coding"]
HELP = ["Settling in and making friends", "Time management and deadlines", "Finding part-time work",
        "How to actually revise for exams", "Getting involved in societies", "Managing money",
        "Understanding how referencing works", "Dealing with homesickness", "Choosing modules for next year",
        "I can help with settling in, societies and surviving deadlines", "Happy to help with coursework planning and the library",
        "I can share tips on finding placements", "Anything about living in halls"]
LANGS = ["English", "Mandarin", "Hindi", "Spanish", "Arabic", "French", "Urdu", "Yoruba", "Polish", "Cantonese", "Portuguese"]


def tally_university_peer_mentoring(rng, name: str) -> None:
    header = ["Submission ID", "Respondent ID", "Submitted at", "Full name", "University email", "Student number",
              "I'm signing up as…", "Degree programme", "Year of study", "How many first-years would you be happy to support?",
              "Tell us a bit about yourself - what are you studying and what do you enjoy about it?",
              "What would you like help with (mentees) or what can you help with (mentors)?", "Hobbies and interests",
              "Languages you speak", "Are you an international student?", "Do you live in university accommodation?"]
    people = People(rng)
    times = stamps(rng, 52, dt.datetime(2023, 9, 11, 9, 0), 10)
    rows = []
    for t in times:
        p = people.draw()
        mentor = chance(rng, 0.4)
        deg = pick(rng, DEGREES)
        rid = "".join(pick(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
        sid = "".join(pick(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
        rows.append([sid, rid, iso_time(t), odd_case(rng, p["name"]),
                     f"{p['first'][0].lower()}.{p['last'].split()[0].lower()}@student.northbridge.ac.uk",
                     str(int(rng.integers(21000000, 23999999))),
                     "A returning student (peer mentor)" if mentor else "A first-year student (mentee)", deg,
                     pick(rng, ["2nd year", "3rd year", "4th year", "Masters"]) if mentor else "1st year",
                     pick(rng, ["1", "2", "2", "3", "4"]) if mentor else "",
                     voice(rng, pick(rng, STUDY_ABOUT).format(deg=deg, part=pick(rng, STUDY_PARTS)) + "."),
                     voice(rng, pick(rng, HELP[9:] if mentor else HELP[:9])),
                     ", ".join(h.split(",")[0].lower() for h in picks(rng, HOBBIES, 2)),
                     ", ".join(["English"] + picks(rng, LANGS[1:], int(rng.choice([0, 1, 1, 2])))),
                     pick(rng, ["Yes", "No", "No"]), pick(rng, ["Yes", "No"])])
    # Someone resubmitted with a corrected programme (same respondent, new submission).
    dup = list(rows[5])
    dup[0] = "Zq81Lm"
    dup[2] = iso_time(times[-1] + dt.timedelta(hours=3))
    rows.append(dup)
    rows[14][12] = ""
    expected = {
        "tool": "Tally", "program": "mentoring",
        "mapping": {"id": "Respondent ID", "submitted_at": "Submitted at", "name": "Full name", "email": "University email",
                    "side": header[6], "career_stage": "Year of study", "capacity": header[9], "summary": header[10],
                    "wants": header[11], "interests": header[12]},
        "unmapped": ["Submission ID", "Student number", "Degree programme", "Languages you speak", header[14], header[15]],
        "must_not": {"Student number": ["capacity", "years_experience"], header[14]: ["similar_role_required", "keep_registered"],
                     header[15]: ["keep_registered", "location"], "Languages you speak": ["skills"]},
        "signal_columns": ["Degree programme", header[10], header[11], header[12], "Languages you speak"],
        "also_ok": {"Submission ID": ["id"]},
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 5. Jotform: open-source project newcomer buddies (checkbox answers on separate lines)
# =====================================================================================

OSS_AREAS = ["Documentation", "Core library", "CLI", "Plugins", "Website", "Testing & CI", "Translations", "Community & events"]
OSS_LANGS = ["Python", "Rust", "TypeScript", "Go", "C", "JavaScript", "Shell"]
OSS_ABOUT = ["Found the project through a conference talk and have been lurking in Discord since",
             "I use the library at work every day and want to give back", "Student, looking for a first real open-source contribution",
             "Maintainer of the plugin system for two years", "Self-taught dev, I fixed a typo in the docs last month and got hooked",
             "Long-time contributor, mostly reviewing PRs on the CLI", "Came for the Rust rewrite, stayed for the people",
             "I'm a technical writer and think the docs could use some love", "Core team since 2021, happy to show people around"]
OSS_WANTS = ["Someone to help me find a good first issue", "Learn how the release process works",
             "Get feedback on my first PRs before I embarrass myself", "Understand the codebase architecture",
             "Help newcomers get their first PR merged", "Pair on a small feature", "Learn how to write good tests for the project",
             "Meet people in my time zone", "Someone patient, I'm new to git"]
TZ_WORDS = ["UTC+1", "GMT-5", "IST", "PST", "CET", "UTC-3", "Europe/Berlin", "UTC+8", "EST", "America/Sao_Paulo", "UTC+5:30", "JST", "GMT"]


def jotform_oss_newcomer_buddy(rng, name: str) -> None:
    header = ["Submission Date", "Name", "E-mail", "GitHub username", "Discord handle", "I'm signing up as",
              "How many newcomers can you buddy with at once?", "Which areas of the project interest you?",
              "Which programming languages are you comfortable with?", "How much open-source experience do you have?",
              "Your time zone", "Tell us about yourself and how you found the project",
              "What do you hope to get out of the buddy program?", "Preferred language for chats", "Submission ID"]
    people = People(rng)
    times = stamps(rng, 41, dt.datetime(2024, 1, 15, 0, 0), 20)
    rows = []
    for k, t in enumerate(times):
        p = people.draw()
        buddy = chance(rng, 0.35)
        handle = (p["first"][:4] + p["last"][:3]).lower().replace(" ", "") + str(int(rng.integers(1, 99)))
        rows.append([t.strftime("%Y-%m-%d %H:%M:%S"), odd_case(rng, p["name"]), email(rng, p), handle,
                     pick(rng, [f"@{handle}", handle, f"{p['first'].lower()}#{int(rng.integers(1000, 9999))}", ""]),
                     "A maintainer / regular contributor happy to be a buddy" if buddy else "A newcomer looking for a buddy",
                     pick(rng, ["1", "2", "3"]) if buddy else "",
                     "\n".join(picks(rng, OSS_AREAS, int(rng.integers(1, 4)))), "\n".join(picks(rng, OSS_LANGS, int(rng.integers(1, 4)))),
                     pick(rng, ["Regular contributor", "Maintainer"]) if buddy else pick(rng, ["None yet", "A few PRs", "None yet"]),
                     pick(rng, TZ_WORDS), voice(rng, pick(rng, OSS_ABOUT[3:] if buddy else OSS_ABOUT)),
                     voice(rng, pick(rng, OSS_WANTS[4:5] + ["Help someone get started", "Grow the contributor base"] if buddy else OSS_WANTS)),
                     pick(rng, ["English", "English", "English", "Spanish", "Portuguese", "German"]),
                     str(5841020000000000000 + int(rng.integers(10**12)))])
    rows[3][10] = ""
    expected = {
        "tool": "Jotform", "program": "mentoring",
        "mapping": {"submitted_at": "Submission Date", "name": "Name", "email": "E-mail", "slack": "Discord handle",
                    "side": header[5], "capacity": header[6], "interests": header[7], "skills": header[8],
                    "career_stage": header[9], "timezone": "Your time zone", "summary": header[11], "wants": header[12],
                    "id": "Submission ID"},
        "unmapped": ["GitHub username", "Preferred language for chats"],
        "must_not": {"GitHub username": ["linkedin", "name", "id"], "Preferred language for chats": ["skills", "interests"]},
        "signal_columns": [header[7], header[8], header[11], header[12]],
        "also_ok": {"Discord handle": ["none"], header[9]: ["none"], header[7]: ["none"]},
        "notes": "Jotform exports checkbox answers one per line inside the cell.",
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 6. HR spreadsheet: onboarding buddies with department and team (XLSX)
# =====================================================================================

DEPTS = {"Engineering": ["Platform", "Payments", "Mobile", "Data"], "Sales": ["EMEA", "North America", "SMB"],
         "Finance": ["FP&A", "Accounting"], "People": ["Talent", "People Ops"], "Marketing": ["Brand", "Growth"],
         "Customer Success": ["Onboarding", "Support"]}
DEPT_TITLES = {"Engineering": ["Software Engineer", "Senior Software Engineer", "Data Engineer", "Engineering Manager", "QA Engineer"],
               "Sales": ["Account Executive", "Sales Development Rep", "Sales Manager"], "Finance": ["Financial Analyst", "Accountant", "Controller"],
               "People": ["Recruiter", "People Partner", "HR Coordinator"], "Marketing": ["Content Marketer", "Growth Marketer", "Brand Designer"],
               "Customer Success": ["Support Specialist", "Customer Success Manager", "Onboarding Lead"]}
HR_NOTES = ["", "", "", "", "Prefers async intros", "On leave 3-14 June", "Part-time (Mon-Thu)", "Relocating from Lisbon",
            "Returning employee (boomerang)", "Needs a buddy in the same office"]


def hr_onboarding_buddies(rng, name: str) -> None:
    header = ["Employee ID", "First Name", "Last Name", "Work Email", "Department", "Team", "Job Title", "Level",
              "Manager", "Office", "Start Date", "New Hire / Buddy", "Max new hires", "Interests (optional)", "Notes"]
    people = People(rng)
    managers = [people.draw()["name"] for _ in range(8)]
    rows = []
    for i in range(34):
        p = people.draw()
        dept = pick(rng, list(DEPTS))
        new = i % 3 != 0
        start = dt.datetime(2024, 5, 6) + dt.timedelta(days=7 * int(rng.integers(0, 4))) if new else \
            dt.datetime(2017, 1, 9) + dt.timedelta(days=int(rng.integers(0, 2400)))
        rows.append([f"E{int(rng.integers(10000, 99999))}", p["first"], p["last"],
                     f"{p['first'].lower().replace(' ', '')}.{p['last'].lower().replace(' ', '')}@northwind.io",
                     dept, pick(rng, DEPTS[dept]), pick(rng, DEPT_TITLES[dept]),
                     pick(rng, ["IC1", "IC2", "IC2"]) if new and chance(rng, 0.7) else pick(rng, ["IC3", "IC4", "M1", "IC5"]),
                     pick(rng, managers), pick(rng, ["London", "London", "Manchester", "Remote (UK)", "Amsterdam"]),
                     start, "New hire" if new else "Buddy", None if new else int(rng.choice([1, 2, 2, 3])),
                     ", ".join(h.split(",")[0].lower() for h in picks(rng, HOBBIES, int(rng.integers(0, 3)))), pick(rng, HR_NOTES)])
    expected = {
        "tool": "HR spreadsheet (Excel)", "program": "mentoring",
        "mapping": {"id": "Employee ID", "first_name": "First Name", "last_name": "Last Name", "email": "Work Email",
                    "role": "Job Title", "career_stage": "Level", "location": "Office", "side": "New Hire / Buddy",
                    "capacity": "Max new hires", "interests": "Interests (optional)"},
        "unmapped": ["Department", "Team", "Manager", "Start Date", "Notes"],
        "must_not": {"Manager": ["name", "first_name", "last_name"], "Start Date": ["submitted_at"], "Team": ["role", "company"],
                     "Department": ["role", "company"], "Notes": ["summary", "wants"]},
        "signal_columns": ["Department", "Team", "Interests (optional)"],
        "notes": "Department/Team are rule columns (never pair the same department); Start Date is the hire date.",
    }
    write_xlsx(name, header, rows, expected, sheet="Buddy list Q2")


# =====================================================================================
# 7. Airtable: co-founder matching
# =====================================================================================

CF_TYPES = ["Technical", "Business", "Product / Design", "Domain expert"]
CF_INDUSTRIES = ["Fintech", "Climate", "Healthcare", "Education", "Developer tools", "Consumer", "AI", "Marketplaces", "Biotech"]
CF_SKILLS = ["Backend", "Frontend", "ML", "Sales", "Fundraising", "Product", "Design", "Marketing", "Operations", "Finance"]
CF_PITCH = ["Building tooling that helps small clinics reduce no-shows", "Exploring carbon accounting for mid-size manufacturers",
            "Want to fix payroll for contractors in Latin America", "Working on an AI tutor for adult learners",
            "No idea yet - I want to find the right person first", "Prototype of a marketplace for refurbished lab equipment",
            "Developer tool for testing data pipelines", "Cold-chain logistics for vaccines in rural areas",
            "Helping independent pharmacies compete with the big chains", "B2B SaaS for construction site safety"]
CF_IDEAL = ["A technical co-founder who loves shipping fast", "Someone with enterprise sales experience",
            "A designer who can own the product end to end", "Someone who has been through YC or a similar program",
            "A co-founder with healthcare domain knowledge", "Someone who is ready to go full-time in the next 3 months",
            "A complementary skill set, honest communicator", "An ML engineer who cares about the problem more than the tech"]


def airtable_cofounder_matching(rng, name: str) -> None:
    header = ["Name", "Email", "LinkedIn", "City", "I am a...", "Looking for a...", "Idea stage", "Industries",
              "Skills", "Years of experience", "What are you working on or want to build?", "Describe your ideal co-founder",
              "Commitment", "Created", "Matched?"]
    people = People(rng)
    times = stamps(rng, 30, dt.datetime(2024, 3, 1, 9, 0), 25)
    rows = []
    for t in times:
        p = people.draw()
        kind = pick(rng, CF_TYPES)
        rows.append([odd_case(rng, p["name"]), email(rng, p),
                     f"linkedin.com/in/{slug(p['first'])}{slug(p['last'])}" if chance(rng, 0.8) else "",
                     p["home"] or "London", kind, pick(rng, [c for c in CF_TYPES if c != kind] + ["Either"]),
                     pick(rng, ["No idea yet", "Have an idea", "Building an MVP", "Have paying users"]),
                     ",".join(picks(rng, CF_INDUSTRIES, int(rng.integers(1, 4)))),
                     ",".join(picks(rng, CF_SKILLS, int(rng.integers(1, 4)))), str(int(rng.integers(2, 20))),
                     voice(rng, pick(rng, CF_PITCH)), voice(rng, pick(rng, CF_IDEAL)),
                     pick(rng, ["Full-time now", "Part-time for now", "Full-time within 6 months"]),
                     f"{t.month}/{t.day}/{t.year} {t.strftime('%I:%M%p').lstrip('0').lower()}", pick(rng, ["", "", "checked"])])
    expected = {
        "tool": "Airtable", "program": "peer",
        "mapping": {"name": "Name", "email": "Email", "linkedin": "LinkedIn", "location": "City", "role": "I am a...",
                    "interests": "Industries", "skills": "Skills", "years_experience": "Years of experience",
                    "summary": header[10], "wants": header[11], "submitted_at": "Created"},
        "unmapped": ["Looking for a...", "Idea stage", "Commitment", "Matched?"],
        "must_not": {"Matched?": ["keep_registered", "similar_role_required"], "Looking for a...": ["role"],
                     "Idea stage": ["career_stage"], "Commitment": ["capacity"]},
        "signal_columns": ["I am a...", "Looking for a...", "Industries", "Skills", header[10], header[11]],
        "also_ok": {"Looking for a...": ["wants"]},
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 8. Google Forms: hackathon teammates
# =====================================================================================

HK_ROLES = ["Frontend", "Backend", "Full-stack", "ML / Data", "Design", "Product / PM", "Hardware"]
HK_TRACKS = ["Health", "Sustainability", "Education", "Fintech", "Open track", "Accessibility"]
HK_TECH = ["React", "Python", "Flask", "Node.js", "Figma", "PyTorch", "Arduino", "Swift", "Flutter", "PostgreSQL", "Firebase", "Unity"]
HK_ABOUT = ["First hackathon! I'm a second-year CS student", "Been to 6 hackathons, won one, lost many",
            "Designer who codes a little", "I like building hardware things that blink", "Bootcamp grad, mostly React",
            "PhD student in HCI, here for the vibes and the pizza", "I do data science at work and want to build something fun",
            "Mobile dev, can ship an app in a weekend (with enough coffee)"]
HK_WANTS = ["A designer and a backend person", "Anyone motivated who wants to actually finish a demo",
            "People interested in the health track", "Teammates who are okay with a beginner",
            "Someone who knows hardware", "ML folks!", "A PM type who can pitch", "Looking for a full team of 4"]


def gforms_hackathon_teammates(rng, name: str) -> None:
    header = ["Timestamp", "Email Address", "Full Name", "Discord username (e.g. name#1234 or @name)", "GitHub profile URL",
              "School / Company", "What's your primary role on a team?", "How many years have you been coding?",
              "Which tracks are you interested in?", "What tech are you comfortable with?",
              "Tell potential teammates about yourself", "What kind of teammates are you looking for?",
              "Do you already have a partial team?", "T-shirt size", "Dietary restrictions",
              "I agree to the MLH Code of Conduct"]
    people = People(rng)
    times = stamps(rng, 57, dt.datetime(2024, 10, 1, 12, 0), 18)
    rows = []
    for t in times:
        p = people.draw()
        rows.append([gforms_time(t), email(rng, p), odd_case(rng, p["name"]),
                     pick(rng, [f"@{p['first'].lower()}", f"{p['first'].lower()}#{int(rng.integers(1000, 9999))}", f"{p['first'].lower()}_{p['last'][:2].lower()}"]),
                     f"https://github.com/{p['first'].lower()}{int(rng.integers(1, 999))}" if chance(rng, 0.75) else "",
                     pick(rng, ["Georgia Tech", "UT Austin", "University of Waterloo", "Self-employed", "Shopify", "UCLA", "NYU", "Concordia"]),
                     pick(rng, HK_ROLES), pick(rng, ["<1", "1-2", "3-5", "5+", "2", "1"]),
                     ", ".join(picks(rng, HK_TRACKS, int(rng.integers(1, 4)))), ", ".join(picks(rng, HK_TECH, int(rng.integers(2, 5)))),
                     voice(rng, pick(rng, HK_ABOUT)), voice(rng, pick(rng, HK_WANTS)), pick(rng, ["Yes", "No", "No"]),
                     pick(rng, ["S", "M", "L", "XL"]), pick(rng, ["", "", "Vegetarian", "Vegan", "Halal", "Gluten-free"]), "Yes"])
    duplicate_last(rng, rows, 0, gforms_time, times[-1])
    expected = {
        "tool": "Google Forms", "program": "peer",
        "mapping": {"submitted_at": "Timestamp", "email": "Email Address", "name": "Full Name", "slack": header[3],
                    "company": "School / Company", "role": header[6], "years_experience": header[7], "interests": header[8],
                    "skills": header[9], "summary": header[10], "wants": header[11]},
        "unmapped": ["GitHub profile URL", header[12], "T-shirt size", "Dietary restrictions", header[15]],
        "must_not": {header[12]: ["similar_role_required"], header[15]: ["keep_registered"], "T-shirt size": ["career_stage"],
                     "GitHub profile URL": ["linkedin"], "Dietary restrictions": ["interests"]},
        "signal_columns": [header[6], header[8], header[9], header[10], header[11]],
        "also_ok": {header[3]: ["none"]},
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 9. Community coffee (MLOps-style): pandas index column, trailing spaces, US-heavy places
# =====================================================================================

US_PLACES = ["Austin, TX", "PA", "NYC", "SF Bay Area", "Remote - EST", "Seattle, WA", "Chicago", "Boston, MA",
             "Pittsburgh, PA", "Baltimore, MD", "Nashville, TN", "NJ", "Houston, TX", "Denver", "Atlanta, GA", "San Diego, CA",
             "Los Angeles", "Raleigh, NC", "Minneapolis, MN", "Philadelphia", "Toronto, ON", "Portland", "Salt Lake City, UT",
             "Columbus, OH", "Indianapolis, IN", "Wilmington, DE", "North America", "Remote (PST)", "Brooklyn", "Sacramento, CA"]
ROLES_MLOPS = ["ML Engineer", "Data Scientist", "Software Engineer", "Data Engineer", "ML Scientist / Researcher",
               "Founder", "Management", "Student"]
STAGES_MLOPS = ["Undergrad / New Grad", "Graduate Student", "1 - 3 Years of Experience", "3 - 5 Years of Experience",
                "5 - 10 Years of Experience", "10+ Years of Experience"]
MLOPS_ACTS = ["running LLM evals in CI", "building a feature store on top of Snowflake", "serving models with Ray Serve",
              "migrating pipelines from Airflow to Dagster", "moving our recommender to real-time features",
              "fighting GPU quotas for fine-tuning jobs", "setting up model monitoring with Evidently",
              "designing prompt templates for our support bot", "building retrieval pipelines with pgvector",
              "shipping computer vision models to edge devices", "teaching a bootcamp on MLOps",
              "writing Terraform for our ML platform", "doing fraud detection with graph features",
              "designing the UX for an AI writing assistant", "prototyping agent workflows for customer support"]
MLOPS_WANTS = ["Someone further along in MLOps who can tell me what to learn next", "Another person running LLMs in production",
               "Anyone, just want to meet people", "Someone in a similar timezone (EST)", "a designer who works on AI products",
               "A founder to talk about early-stage infra choices", "Someone who has built a feature store",
               "people who like talking about evals", "Someone from a completely different industry", "A fellow prompt designer!"]


def mlops_community_coffee(rng, name: str) -> None:
    header = ["", "Submitted at", "Respondent ID", "Your name ", "Your email address", "What's your Slack handle? ",
              "LinkedIn URL", "Where do you work? ", "Which option best represents your role?",
              "How would you characterize your current career stage?", "Where are you based?",
              "Do you have a preference on who your buddy should be?", "Tweet-sized summary of yourself",
              "What are your skills? In which fields do you specialize?", "Describe what you want your buddy to be like.",
              "Keep me registered for all future rounds."]
    people = People(rng)
    times = stamps(rng, 70, dt.datetime(2024, 6, 3, 13, 0), 10)
    rows = []
    roles = [pick(rng, ROLES_MLOPS) for _ in times]
    for k in (3, 17):
        roles[k] = "Prompt Designer"
    for k in (8, 25, 40, 61):
        roles[k] = "Product Designer"
    for k, (t, role) in enumerate(zip(times, roles)):
        p = people.draw()
        similar = role in ("Prompt Designer", "Product Designer") or chance(rng, 0.15)
        act = pick(rng, MLOPS_ACTS if "Designer" not in role else MLOPS_ACTS[7:8] + MLOPS_ACTS[13:])
        summary = sentence_join(f"{role} at {pick(rng, ['a fintech', 'a health startup', 'Kestrel Labs', 'a big retailer', 'a consultancy'])}, {act}",
                                pick(rng, HOBBIES) if chance(rng, 0.5) else "")
        rows.append([k, iso_time(t), "".join(pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(6)),
                     odd_case(rng, p["name"]), email(rng, p), pick(rng, [f"@{p['first'].lower()}", f"{p['first'].lower()}.{p['last'][0].lower()}", ""]),
                     f"https://www.linkedin.com/in/{slug(p['first'])}-{slug(p['last'])}/" if chance(rng, 0.7) else "",
                     pick(rng, ["Kestrel Labs", "Brindle Pay", "Freelance", "Stealth", "a big retailer", "Quietbyte", "Loomstack"]),
                     role, pick(rng, STAGES_MLOPS), pick(rng, US_PLACES) if chance(rng, 0.85) else p["home"] or "Berlin",
                     "My Buddy should be in a similar role as me" if similar else "No", voice(rng, summary),
                     ", ".join(picks(rng, ["Python", "Kubernetes", "MLflow", "Airflow", "Figma", "prompt engineering", "SQL", "Ray", "dbt", "evals"], 3)),
                     voice(rng, pick(rng, MLOPS_WANTS)), pick(rng, ["Keep me registered for all future rounds.", ""])])
    duplicate_last(rng, rows, 1, iso_time, times[-1])
    expected = {
        "tool": "Tally (re-saved with pandas: leading index column)", "program": "peer",
        "mapping": {"submitted_at": "Submitted at", "id": "Respondent ID", "name": "Your name ", "email": "Your email address",
                    "slack": header[5], "linkedin": "LinkedIn URL", "company": "Where do you work? ", "role": header[8],
                    "career_stage": header[9], "location": header[10], "similar_role_required": header[11],
                    "summary": header[12], "skills": header[13], "wants": header[14], "keep_registered": header[15]},
        "unmapped": [""],
        "must_not": {"": ["id", "years_experience", "capacity"]},
        "signal_columns": [header[12], header[13], header[14]],
        "notes": "Headers end in spaces as the real export does; the first column is a pandas index with an empty header.",
    }
    write_csv(name, header, rows, expected)


# =====================================================================================
# 10. Google Forms: nonprofit volunteer buddies (returning volunteers buddy new ones)
# =====================================================================================

NP_PROGRAMS = ["Food bank", "Homework club", "Refugee welcome", "Community garden", "Meals on wheels", "Tenant help desk"]
NP_AVAIL = ["Weekday mornings", "Weekday evenings", "Saturdays", "Sundays"]
NP_WHY = ["I retired last year and wanted to stay useful", "My family used the food bank when I was a kid",
          "I moved here recently and want to meet neighbours", "I'm a teacher and love the homework club",
          "My company gives us volunteer days and I wanted something regular", "I came to this country as a refugee myself",
          "Gardening keeps me sane", "Friends recommended it", "I wanted to do something practical about housing"]
NP_PAIR = ["", "", "No", "Someone who speaks Arabic would help", "I'm shy, a patient buddy please",
           "Prefer someone available on weekends", "Happy with anyone", "I use a wheelchair, so accessible sites please",
           "Someone who knows the food bank well", "Please not early mornings"]


def gforms_nonprofit_volunteer_buddy(rng, name: str) -> None:
    header = ["Timestamp", "Email address", "First name", "Last name", "Phone number", "Are you a new or returning volunteer?",
              "How many new volunteers could you buddy?", "Which programs do you volunteer with?", "Availability",
              "Preferred language", "Why did you decide to volunteer with us?", "Anything we should know when pairing you?",
              "Neighborhood", "Age range", "Emergency contact name"]
    people = People(rng)
    times = stamps(rng, 36, dt.datetime(2024, 3, 18, 9, 0), 14)
    rows = []
    for t in times:
        p = people.draw()
        back = chance(rng, 0.4)
        rows.append([gforms_time(t), email(rng, p), odd_case(rng, p["first"]), p["last"],
                     f"+1 (412) 555-{int(rng.integers(1000, 9999))}" if chance(rng, 0.85) else "",
                     "Returning volunteer (happy to be a buddy)" if back else "New volunteer",
                     pick(rng, ["1", "2", "2", "3"]) if back else "", ", ".join(picks(rng, NP_PROGRAMS, int(rng.integers(1, 3)))),
                     ", ".join(picks(rng, NP_AVAIL, int(rng.integers(1, 3)))),
                     pick(rng, ["English", "English", "Spanish", "Arabic", "Nepali", "Swahili", "English, Spanish"]),
                     voice(rng, pick(rng, NP_WHY)), pick(rng, NP_PAIR),
                     pick(rng, ["Lawrenceville", "Squirrel Hill", "Bloomfield", "East Liberty", "South Side", "Hazelwood"]),
                     pick(rng, ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]), people.draw()["name"]])
    expected = {
        "tool": "Google Forms", "program": "mentoring",
        "mapping": {"submitted_at": "Timestamp", "email": "Email address", "first_name": "First name", "last_name": "Last name",
                    "side": header[5], "capacity": header[6], "interests": header[7], "summary": header[10],
                    "wants": header[11], "location": "Neighborhood"},
        "unmapped": ["Phone number", "Availability", "Preferred language", "Age range", "Emergency contact name"],
        "must_not": {"Emergency contact name": ["name", "first_name", "last_name"], "Phone number": ["id", "capacity"],
                     "Age range": ["years_experience", "career_stage"], "Availability": ["interests", "timezone"]},
        "signal_columns": [header[7], "Availability", "Preferred language", header[10]],
        "also_ok": {header[7]: ["none"]},
    }
    write_csv(name, header, rows, expected)


FORMS = {
    "google_forms_grad_mentoring": gforms_grad_mentoring,
    "ms_forms_erg_buddy": ms_forms_erg_buddy,
    "typeform_coffee_chat": typeform_coffee_chat,
    "tally_university_peer_mentoring": tally_university_peer_mentoring,
    "jotform_oss_newcomer_buddy": jotform_oss_newcomer_buddy,
    "hr_onboarding_buddies": hr_onboarding_buddies,
    "airtable_cofounder_matching": airtable_cofounder_matching,
    "google_forms_hackathon_teammates": gforms_hackathon_teammates,
    "mlops_community_coffee": mlops_community_coffee,
    "google_forms_nonprofit_volunteer_buddy": gforms_nonprofit_volunteer_buddy,
}
