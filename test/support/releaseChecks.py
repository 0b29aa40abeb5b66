"""Independent checks of a release folder, run by test/releaseCommitted.test.ts.

Reads the files with Python's own csv and json modules and validates the document records with
the jsonschema package, so that the release is checked by code that shares nothing with the
TypeScript that wrote it. Prints one JSON object on stdout.

usage: python3 releaseChecks.py csv|excel|jsonschema <release folder>
"""

import csv
import glob
import json
import os
import re
import sys

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def tables(release):
    with open(os.path.join(release, "data", "schemas", "tables.json"), encoding="utf-8") as handle:
        return json.load(handle)["tables"]


def read_csv(path, encoding):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.reader(handle, strict=True))


def crlf_records(raw):
    """Records ended by CRLF, counting line breaks outside quoted cells; -1 on any bare CR or LF."""
    outside = re.sub(rb'"(?:[^"]|"")*"', b"", raw)
    if re.search(rb"\r(?!\n)|(?<!\r)\n", outside):
        return -1
    return outside.count(b"\r\n")


def check_csv(release):
    """Every table's CSV parses; its header is the table's columns; cells are valid UTF-8 text."""
    result = {}
    for table in tables(release):
        path = os.path.join(release, "data", table["name"] + ".csv")
        with open(path, "rb") as handle:
            raw = handle.read()
        rows = read_csv(path, "utf-8")
        result[table["name"]] = {
            "header": rows[0],
            "rows": len(rows) - 1,
            "widths": sorted({len(row) for row in rows}),
            "bom": raw.startswith(b"\xef\xbb\xbf"),
            "crlf": crlf_records(raw) == len(rows),
        }
    return result


def check_excel(release):
    """The excel/ variants read with utf-8-sig give the same rows, formulas prefixed with '."""
    result = {}
    for table in tables(release):
        name = table["name"]
        plain = read_csv(os.path.join(release, "data", name + ".csv"), "utf-8")
        path = os.path.join(release, "data", "excel", name + ".csv")
        with open(path, "rb") as handle:
            bom = handle.read(3) == b"\xef\xbb\xbf"
        excel = read_csv(path, "utf-8-sig")
        numeric = {
            index
            for index, field in enumerate(table["schema"]["fields"])
            if field["type"] in ("integer", "number")
        }
        mismatches = []
        neutralised = 0
        for row_index, (plain_row, excel_row) in enumerate(zip(plain, excel)):
            for index, (a, b) in enumerate(zip(plain_row, excel_row)):
                expected = a
                if row_index > 0 and index not in numeric and a.startswith(FORMULA_STARTS):
                    expected = "'" + a
                    neutralised += 1
                if b != expected:
                    mismatches.append([row_index, index, a, b])
        result[name] = {
            "bom": bom,
            "header": excel[0],
            "rows": len(excel) - 1,
            "same_shape": len(plain) == len(excel),
            "mismatches": mismatches[:5],
            "neutralised": neutralised,
            "first_row": excel[1] if len(excel) > 1 else [],
        }
    return result


# Unicode property escapes (ECMA-262 \\p{...}) that Python's re lacks: Script=Han as ranges.
HAN = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9\U00016fe2\U00016fe3"
    "\U00016ff0\U00016ff1\U00020000-\U0002a6df\U0002a700-\U0002ebe0\U0002f800-\U0002fa1d"
    "\U00030000-\U000323af"
)


def ecma_pattern_compiler():
    """Compiles JSON Schema (ECMA-262) patterns: with the regex module if present, else re."""
    try:
        import regex

        return "regex", lambda pattern: regex.compile(pattern)
    except ImportError:
        def compile_re(pattern):
            translated = pattern.replace("\\p{Script=Han}", "[" + HAN + "]")
            if "\\p{" in translated:
                raise ValueError("no translation for a Unicode property escape in " + pattern)
            return re.compile(translated)

        return "re", compile_re


def check_jsonschema(release):
    """Every documents/<id>.json validates against the shipped schemas (Draft 2020-12)."""
    import jsonschema
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

    engine, compile_pattern = ecma_pattern_compiler()
    cache = {}

    def pattern(validator, patrn, instance, schema):
        if not validator.is_type(instance, "string"):
            return
        if patrn not in cache:
            cache[patrn] = compile_pattern(patrn)
        if not cache[patrn].search(instance):
            yield ValidationError("%r does not match %r" % (instance, patrn))

    Validator = validators.extend(Draft202012Validator, {"pattern": pattern})

    schemas = {}
    schema_problems = []
    for path in sorted(glob.glob(os.path.join(release, "data", "schemas", "*.schema.json"))):
        with open(path, encoding="utf-8") as handle:
            schema = json.load(handle)
        meta = Draft202012Validator(Draft202012Validator.META_SCHEMA)
        schema_problems.extend(schema["$id"] + ": " + error.message for error in meta.iter_errors(schema))
        schemas[schema["$id"]] = schema
    by_title = {schema["title"]: schema for schema in schemas.values()}

    def validator(schema):
        try:
            from referencing import Registry, Resource

            registry = Registry().with_resources(
                (uri, Resource.from_contents(contents)) for uri, contents in schemas.items()
            )
            return Validator(schema, registry=registry, format_checker=FormatChecker()), "referencing"
        except ImportError:
            resolver = jsonschema.RefResolver(schema["$id"], schema, store=dict(schemas))
            return Validator(schema, resolver=resolver, format_checker=FormatChecker()), "RefResolver"

    document_validator, how = validator(by_title["Document"])
    external_validator, _ = validator(by_title["External reference"])
    errors = {}
    checked = []
    for path in sorted(glob.glob(os.path.join(release, "data", "documents", "*.json"))):
        with open(path, encoding="utf-8") as handle:
            record = json.load(handle)
        name = os.path.basename(path)
        checked.append(name)
        problems = [
            "/".join(str(part) for part in error.absolute_path) + ": " + error.message
            for error in document_validator.iter_errors(record)
        ]
        if problems:
            errors[name] = problems[:5]
    with open(os.path.join(release, "data", "archive.json"), encoding="utf-8") as handle:
        archive = json.load(handle)
    for index, external in enumerate(archive["external_references"]):
        problems = [error.message for error in external_validator.iter_errors(external)]
        if problems:
            errors["archive.json external_references/" + str(index)] = problems[:5]
    same = []
    for record in archive["documents"]:
        with open(os.path.join(release, "data", "documents", record["id"] + ".json"), encoding="utf-8") as handle:
            same.append(json.load(handle) == record)
    return {
        "resolver": how,
        "schema_problems": schema_problems,
        "patterns": engine,
        "patterns_checked": sorted(cache),
        "checked": checked,
        "errors": errors,
        "archive_documents_match": all(same) and len(same) == len(checked),
    }


def main():
    command, release = sys.argv[1], sys.argv[2]
    checks = {"csv": check_csv, "excel": check_excel, "jsonschema": check_jsonschema}
    json.dump(checks[command](release), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
