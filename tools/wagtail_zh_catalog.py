"""Lists the Wagtail strings the admin would still show in English, and adds them to our catalogs.

Wagtail's own zh_Hans catalogs lag behind its English source catalogs (Wagtail 8.0: about 430 strings),
so the admin mixes English into its Chinese. Our catalogs in locale/zh_Hans/LC_MESSAGES/ (django.po and,
for the admin's JavaScript, djangojs.po) translate exactly those strings; LOCALE_PATHS puts them above
the apps' catalogs, for Django's templates and for Wagtail's JavaScriptCatalog alike.

A string is missing when Django, as the site runs (zh-hans, every installed app, our catalogs), still
answers it with itself; for djangojs, as Wagtail's /admin/jsi18n/ builds its catalog (wagtail.admin
and LOCALE_PATHS). Wagtail apps that are not installed are read through their own zh_Hans catalog.

After a Wagtail upgrade (tests/test_admin_chinese.py fails and names the strings):

    .venv/bin/python tools/wagtail_zh_catalog.py           # lists the missing strings; exit 1 if any
    .venv/bin/python tools/wagtail_zh_catalog.py --write   # adds them, untranslated, to our .po files
    # translate the empty msgstr "" entries, then compile (the .mo files are committed:
    # a machine without gettext serves them as they are)
    msgfmt --check -o locale/zh_Hans/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.po
    msgfmt --check -o locale/zh_Hans/LC_MESSAGES/djangojs.mo locale/zh_Hans/LC_MESSAGES/djangojs.po
"""

import ast
import gettext
import os
import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
OURS = BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"
HEADER = """# Simplified Chinese for the Wagtail strings Wagtail's own zh_Hans catalogs lack, and for a few whose
# Wagtail translation keeps English words ("overrides" below: added by hand, kept by --write).
# Made by tools/wagtail_zh_catalog.py; translated by hand, with Wagtail's zh_Hans terms.
msgid ""
msgstr ""
"Project-Id-Version: fangxin\\n"
"PO-Revision-Date: 2026-12-01 15:00+0800\\n"
"Last-Translator: fangxin\\n"
"Language-Team: Chinese (Simplified)\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Language: zh_Hans\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"
"""


def read_po(path):
    """The entries of a .po file: dicts with msgctxt, msgid, msgid_plural and msgstr (a list, one per
    plural form), plus `fuzzy`. Obsolete (#~) entries and the header are left out."""
    entries, entry, field = [], None, None

    def finish():
        if entry and entry.get("msgid"):
            entries.append(entry)

    for line in Path(path).read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#~"):
            if not line:
                finish()
                entry, field = None, None
            continue
        if entry is None:
            entry = {"msgctxt": None, "msgid": "", "msgid_plural": None, "msgstr": [], "fuzzy": False}
        if line.startswith("#"):
            if line.startswith("#,"):
                flags = [flag.strip() for flag in line[2:].split(",")]
                entry["fuzzy"] |= "fuzzy" in flags
                entry["flags"] = ", ".join(flag for flag in flags if flag != "fuzzy")
            if line.startswith("#: ") and "source" not in entry:
                entry["source"] = line[3:]
            continue
        if line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(entry[field[0]], list):
                entry[field[0]][field[1]] += value
            else:
                entry[field[0]] += value
            continue
        keyword, _, rest = line.partition(" ")
        value = ast.literal_eval(rest)
        if keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if "[" in keyword else 0
            entry["msgstr"].append(value)
            field = ("msgstr", index)
        else:
            entry[keyword] = value
            field = (keyword,)
    return entries


def quote(text):
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"{escaped}"'
    parts = [line + "\\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    return '""\n' + "\n".join(f'"{part}"' for part in parts)


def write_po(path, entries):
    chunks = [HEADER]
    for entry in entries:
        lines = [f"#: {entry['source']}"] if entry.get("source") else []
        if entry.get("flags"):  # python-format: msgfmt --check compares the placeholders
            lines.append(f"#, {entry['flags']}")
        if entry["msgctxt"] is not None:
            lines.append(f"msgctxt {quote(entry['msgctxt'])}")
        lines.append(f"msgid {quote(entry['msgid'])}")
        if entry["msgid_plural"] is not None:
            lines.append(f"msgid_plural {quote(entry['msgid_plural'])}")
            lines.append(f"msgstr[0] {quote(entry['msgstr'][0] if entry['msgstr'] else '')}")
        else:
            lines.append(f"msgstr {quote(entry['msgstr'][0] if entry['msgstr'] else '')}")
        chunks.append("\n".join(lines) + "\n")
    Path(path).write_text("\n".join(chunks), encoding="utf-8")


def key(entry):
    return (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])


def translate(catalog, entry):
    """What the catalog (a gettext translations object) answers for the entry, as Django would ask."""
    if entry["msgid_plural"] is not None:
        if entry["msgctxt"] is not None:
            return catalog.npgettext(entry["msgctxt"], entry["msgid"], entry["msgid_plural"], 1)
        return catalog.ngettext(entry["msgid"], entry["msgid_plural"], 1)
    if entry["msgctxt"] is not None:
        return catalog.pgettext(entry["msgctxt"], entry["msgid"])
    return catalog.gettext(entry["msgid"])


PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*[sdif]|%[sdif]|\{[a-z_]*\}|<[^>]*>")


def has_letters(text):
    """Whether a person would read words in it (placeholders and HTML tags left out)."""
    return any(character.isalpha() for character in PLACEHOLDER.sub("", text))


def wagtail_root():
    import wagtail

    return Path(wagtail.__file__).parent


def wagtail_english_catalogs():
    """(app directory, domain, path) of every English source catalog in Wagtail."""
    for path in sorted(wagtail_root().glob("**/locale/en/LC_MESSAGES/*.po")):
        yield path.parents[3], path.stem, path


def site_catalog(domain, app_dir):
    """The translations the site uses for a Wagtail app's strings of this domain, as it runs."""
    from django.apps import apps
    from django.utils.translation import trans_real

    installed = any(Path(config.path) == app_dir for config in apps.get_app_configs())
    if domain == "django" and installed:
        return trans_real.translation("zh-hans")
    if domain == "djangojs" and app_dir.name == "admin":  # wagtail.admin.views.i18n.js_catalog
        return trans_real.DjangoTranslation("zh-hans", domain="djangojs", localedirs=[app_dir / "locale"])
    own = gettext.translation(domain, app_dir / "locale", ["zh_Hans"], fallback=True)
    local = gettext.translation(domain, BASE_DIR / "locale", ["zh_Hans"], fallback=True)
    local.add_fallback(own)
    return local


def missing():
    """{domain: [entry, ...]}: Wagtail's English entries the site still shows in English."""
    found = {}
    for app_dir, domain, path in wagtail_english_catalogs():
        catalog = site_catalog(domain, app_dir)
        for entry in read_po(path):
            if has_letters(entry["msgid"]) and translate(catalog, entry) == entry["msgid"]:
                where = Path("wagtail") / app_dir.relative_to(wagtail_root())
                entry["source"] = (where / entry.get("source", path.name).split()[0]).as_posix()
                found.setdefault(domain, {}).setdefault(key(entry), entry)
    return {domain: list(entries.values()) for domain, entries in found.items()}


def main(argv):
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    found = missing()
    for domain, entries in found.items():
        print(f"## {domain}: {len(entries)} missing")
        for entry in entries:
            print(f"   {entry['msgid']!r}  ({entry['source']})")
    if "--write" in argv:
        OURS.mkdir(parents=True, exist_ok=True)
        for domain, entries in found.items():
            path = OURS / f"{domain}.po"
            kept = read_po(path) if path.exists() else []
            known = {key(entry) for entry in kept}
            write_po(path, kept + [entry | {"msgstr": []} for entry in entries if key(entry) not in known])
            print(f"wrote {path.relative_to(BASE_DIR)}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
