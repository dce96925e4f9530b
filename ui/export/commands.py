"""The export feature's menu commands and the words its import windows open with."""

from __future__ import annotations

from ui.kit.feature_hook import Command

EXPORT_RECORD = Command(
    "export_record",
    "&Export Record…",
    "Ctrl+Shift+X",
    "Give this client their record: a PDF to read, or JSON / FHIR for another system",
    icon_name="export",
)
PRINT_CONSENT = Command(
    "print_consent_form",
    "Print &Consent Form…",
    "",
    "Save the consent and limits-of-confidentiality form for this client to sign, as a PDF",
)
PRINT_RELEASE = Command(
    "print_release_form",
    "Print Re&lease Form…",
    "",
    "Save a release-of-information form for this client to fill in and sign, as a PDF",
)
EXPORT_PRACTICE = Command(
    "export_practice",
    "&Export Whole Practice…",
    "",
    "Every client's record in one encrypted archive: for handing over, retiring or moving",
    menu="Vault",
)
IMPORT_RECORD = Command(
    "import_record",
    "&Import Record…",
    "",
    "Bring a client's record exported from Confidant into this vault as a new client",
    menu="Vault",
)
IMPORT_PRACTICE = Command(
    "import_practice",
    "Import Practice &Archive…",
    "",
    "Bring a whole-practice archive into this new, empty vault",
    menu="Vault",
)

RECORD_IMPORT_TEXT = (
    "Bring in a client's record exported from Confidant (JSON): an encrypted .zip with its "
    "password, or an unencrypted .json file. It arrives as a new client. Signed notes keep "
    "their signatures, each checked against its note; a file that does not check out is "
    "refused as a whole and nothing is written."
)
PRACTICE_IMPORT_TEXT = (
    "Bring every client of a whole-practice archive made by Confidant into this vault: their "
    "records, notes with their signatures (each checked), joint sessions linked to everyone "
    "who took part, and the consent policy versions. Everything comes in together or, if the "
    "archive does not check out, nothing does."
)
NOT_EMPTY_TEXT = (
    "A practice archive is imported into a new, empty vault, and this one already holds "
    "records. Lock, choose Create a new vault on the unlock screen, and import the archive "
    "there."
)
WHOLE_PRACTICE_FILE = (
    "This file is a whole-practice archive, not one client's record: import it with Vault → "
    "Import Practice Archive…, into a new, empty vault."
)
ONE_RECORD_FILE = (
    "This file is one client's record, not a whole-practice archive: import it with Vault → "
    "Import Record…"
)
