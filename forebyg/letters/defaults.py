# SPDX-License-Identifier: MPL-2.0
"""The texts a municipality starts with (version 1 of each template), in plain Danish for parents,
children and the professionals who wrote to us. The administrator changes them on the templates page.
These are letter texts, not interface strings: they are Danish whatever the user's language."""

DEFAULTS: dict[str, tuple[str, str]] = {
    "receipt": (
        "Vi har modtaget din underretning",
        """Kære {{ notifier_name }}

Tak for din underretning om {{ child_name }}. Vi modtog den {{ received_date }}.

Vi læser altid en underretning samme dag eller senest næste hverdag. Vi vurderer, om barnet har brug for hjælp med det samme, og hvad vi skal gøre nu.

Du får besked fra os igen, når vi ved, om vi starter en undersøgelse eller sætter hjælp i gang.

Har du spørgsmål, er du velkommen til at kontakte os.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
    "feedback": (
        "Svar på din underretning",
        """Kære {{ notifier_name }}

Du sendte os en underretning om {{ child_name }}, som vi modtog den {{ received_date }}.

Vi vil gerne fortælle dig, hvad der er sket: {{ feedback }}
{{ measure_name }}

Vi kan ikke fortælle dig mere om sagen, fordi vi har tavshedspligt. Har du nye bekymringer om barnet, skal du underrette os igen.

Tak fordi du sagde til.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
    "investigation_started": (
        "Vi er begyndt at undersøge, hvordan vi bedst kan hjælpe",
        """Kære {{ recipient_name }}

Vi skriver til dig, fordi vi den {{ started_date }} er begyndt på en børnefaglig undersøgelse om {{ child_name }}.

En undersøgelse betyder, at vi sammen med jer finder ud af, hvordan {{ child_name }} har det, og hvilken hjælp der kan gøre en forskel. Vi taler med jer og med {{ child_name }}, og vi spørger måske skole, daginstitution eller læge, hvis I siger ja til det.

Undersøgelsen skal være færdig inden for 4 måneder. Du må gerne have en bisidder med til vores møder.

Jeg ringer til dig for at aftale det første møde. Du er også velkommen til at kontakte mig.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
    "child_conversation": (
        "Vil du snakke med mig?",
        """Kære {{ recipient_name }}

Jeg vil gerne snakke med dig om, hvordan du har det, og hvad der er vigtigt for dig.

Hvornår: {{ meeting_date }} kl. {{ meeting_time }}
Hvor: {{ meeting_place }}

Du må gerne tage en voksen med, som du er tryg ved. Du bestemmer selv, hvad du vil fortælle.

Kan du ikke komme, så sig det til mig, så finder vi en anden dag.

Mange hilsner
{{ caseworker }}
{{ sender }}""",
    ),
    "network_meeting": (
        "Invitation til netværksmøde om {{ child_name }}",
        """Kære {{ recipient_name }}

Vi inviterer dig til et netværksmøde om {{ child_name }}.

Hvornår: {{ meeting_date }} kl. {{ meeting_time }}
Hvor: {{ meeting_place }}

På mødet taler vi om, hvordan det går, og hvad vi hver især kan gøre for at hjælpe. Forældrene er med på mødet.

Kan du ikke komme, vil jeg gerne have besked.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
    "decision": (
        "Afgørelse om hjælp til {{ child_name }}",
        """Kære {{ recipient_name }}

Vi har den {{ decided_date }} besluttet at give {{ child_name }} denne hjælp: {{ measure_name }}.

Afgørelsen er truffet efter {{ legal_basis }}.

Begrundelse
{{ reasons }}

Sådan klager du
Du kan klage over afgørelsen. Vi skal have din klage senest 4 uger efter, at du har fået dette brev. Du kan klage skriftligt eller mundtligt til os. Vi ser på sagen igen. Hvis vi ikke giver dig ret, sender vi klagen videre til Ankestyrelsen, og du får besked om det.

Har du spørgsmål til afgørelsen, er du velkommen til at kontakte mig.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
    "hearing": (
        "Vi vil gerne høre din mening (partshøring)",
        """Kære {{ recipient_name }}

Vi skal træffe en afgørelse om {{ child_name }}. Før vi gør det, vil vi gerne høre, hvad du mener.

Det handler om: {{ matter }}

Du kan svare skriftligt eller ringe til mig. Vi skal have dit svar senest den {{ answer_by }}. Hører vi ikke fra dig, træffer vi afgørelsen ud fra de oplysninger, vi har.

Venlig hilsen
{{ caseworker }}
{{ sender }}""",
    ),
}
