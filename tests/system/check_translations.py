#!/usr/bin/python3
"""Fails when a translation (.ts) is incomplete or behind the sources.

  check_translations.py --ts FILE.ts [--lupdate LUPDATE --sources LIST -- LUPDATE_OPTIONS...]

Complete: every message has its translation (no type="unfinished", "vanished" or
"obsolete", no empty text or plural form). Up to date (with --lupdate): lupdate, run on the
sources in LIST (one path a line) with the build's options, into a copy of FILE.ts, finds no
message that FILE.ts lacks and none that it has in excess. A string added to the code without
its translation therefore fails here, with the string named.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HOW_TO_FIX = (
    "To fix: cmake --build build --target update_translations (refreshes the .ts files from the "
    "sources), translate the new messages (in Qt Linguist, /usr/lib/qt6/bin/linguist FILE.ts, or in the .ts itself: put "
    "the text in <translation> and drop type=\"unfinished\"), and commit the .ts files."
)


def messages(path):
    """{(context, source, comment): translation element} of a .ts file."""
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            key = (name, message.findtext("source"), message.findtext("comment") or "")
            found[key] = message
    return found


def untranslated(message):
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return True
    if message.get("numerus") == "yes":
        forms = translation.findall("numerusform")
        return not forms or any(not (form.text or "").strip() for form in forms)
    return not (translation.text or "").strip()


def describe(key):
    context, source, comment = key
    text = f"{context}: {source!r}"
    return text + (f" ({comment})" if comment else "")


def extracted(ts_path, lupdate, sources, options):
    """The messages lupdate finds in the sources, merged into a copy of ts_path."""
    with tempfile.TemporaryDirectory() as scratch:
        # lupdate guesses the target language from the file name: keep it.
        copy = os.path.join(scratch, os.path.basename(ts_path))
        shutil.copyfile(ts_path, copy)
        result = subprocess.run([lupdate, *options, "@" + sources, "-ts", copy],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"lupdate failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return messages(copy)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ts", required=True)
    parser.add_argument("--lupdate")
    parser.add_argument("--sources")
    parser.add_argument("lupdate_options", nargs="*")
    args = parser.parse_args()

    committed = messages(args.ts)
    problems = [f"untranslated: {describe(key)}" for key, message in committed.items()
                if untranslated(message)]
    if args.lupdate:
        current = extracted(args.ts, args.lupdate, args.sources, args.lupdate_options)
        problems += [f"in the sources but not in the .ts: {describe(key)}"
                     for key in current.keys() - committed.keys()]
        problems += [f"in the .ts but no longer in the sources: {describe(key)}"
                     for key in committed.keys() - current.keys()]

    name = os.path.basename(args.ts)
    if problems:
        print(f"{name}: {len(problems)} problem(s) in {len(committed)} messages", file=sys.stderr)
        for problem in sorted(problems):
            print("  " + problem, file=sys.stderr)
        print(HOW_TO_FIX, file=sys.stderr)
        return 1
    print(f"{name}: all {len(committed)} messages translated"
          + (" and up to date with the sources" if args.lupdate else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
