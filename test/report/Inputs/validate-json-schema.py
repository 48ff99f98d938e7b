"""Validates a JSON document against a JSON Schema (draft 04 subset).

    validate-json-schema.py SCHEMA DOCUMENT

Implements the keywords the SARIF 2.1.0 schema uses; a schema with any other
validation keyword is refused rather than half-checked. Prints every
violation with its JSON path and exits 1 when there is one.
"""
import json
import re
import sys

ANNOTATIONS = {"description", "default", "title", "$schema", "id", "$id",
               "definitions"}
KEYWORDS = {"type", "$ref", "properties", "additionalProperties", "required",
            "items", "minItems", "uniqueItems", "minimum", "maximum",
            "pattern", "format", "enum", "anyOf", "oneOf"}

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}

URI_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")
FORMATS = {
    "uri": lambda s: bool(URI_CHARS.match(s))
    and bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", s)),
    "uri-reference": lambda s: bool(URI_CHARS.match(s)),
    "date-time": lambda s: bool(re.match(
        r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", s)),
}


class Validator:
    def __init__(self, root):
        self.root = root
        self.errors = []

    def resolve(self, ref):
        if not ref.startswith("#/"):
            raise SystemExit("unsupported $ref: " + ref)
        node = self.root
        for part in ref[2:].split("/"):
            node = node[part]
        return node

    def check(self, schema, value, path):
        """Returns the violations of schema by value (a list of strings)."""
        unknown = set(schema) - KEYWORDS - ANNOTATIONS
        if unknown:
            raise SystemExit("schema keyword(s) not implemented: %s at %s"
                             % (sorted(unknown), path))
        errs = []
        if "$ref" in schema:
            errs += self.check(self.resolve(schema["$ref"]), value, path)
        if "type" in schema:
            types = schema["type"]
            types = types if isinstance(types, list) else [types]
            if not any(TYPES[t](value) for t in types):
                return errs + ["%s: expected %s, got %s"
                               % (path, "/".join(types), json.dumps(value)[:60])]
        if "enum" in schema and value not in schema["enum"]:
            errs.append("%s: %s is not one of %s"
                        % (path, json.dumps(value), schema["enum"]))
        if isinstance(value, dict):
            props = schema.get("properties", {})
            for name in schema.get("required", []):
                if name not in value:
                    errs.append("%s: missing required property '%s'"
                                % (path, name))
            for name, v in value.items():
                sub = path + "." + name
                if name in props:
                    errs += self.check(props[name], v, sub)
                elif schema.get("additionalProperties") is False:
                    errs.append("%s: property not allowed here" % sub)
                elif isinstance(schema.get("additionalProperties"), dict):
                    errs += self.check(schema["additionalProperties"], v, sub)
        if isinstance(value, list):
            if len(value) < schema.get("minItems", 0):
                errs.append("%s: fewer than %d items"
                            % (path, schema["minItems"]))
            if schema.get("uniqueItems"):
                seen = [json.dumps(v, sort_keys=True) for v in value]
                if len(set(seen)) != len(seen):
                    errs.append("%s: items are not unique" % path)
            if isinstance(schema.get("items"), dict):
                for i, v in enumerate(value):
                    errs += self.check(schema["items"], v, "%s[%d]" % (path, i))
        if TYPES["number"](value):
            if "minimum" in schema and value < schema["minimum"]:
                errs.append("%s: %s < minimum %s"
                            % (path, value, schema["minimum"]))
            if "maximum" in schema and value > schema["maximum"]:
                errs.append("%s: %s > maximum %s"
                            % (path, value, schema["maximum"]))
        if isinstance(value, str):
            if "pattern" in schema and not re.search(schema["pattern"], value):
                errs.append("%s: %r does not match %s"
                            % (path, value, schema["pattern"]))
            fmt = schema.get("format")
            if fmt is not None:
                if fmt not in FORMATS:
                    raise SystemExit("format not implemented: " + fmt)
                if not FORMATS[fmt](value):
                    errs.append("%s: %r is not a valid %s" % (path, value, fmt))
        if "anyOf" in schema:
            if all(self.check(s, value, path) for s in schema["anyOf"]):
                errs.append("%s: matches none of anyOf" % path)
        if "oneOf" in schema:
            n = sum(1 for s in schema["oneOf"] if not self.check(s, value, path))
            if n != 1:
                errs.append("%s: matches %d of oneOf, not exactly 1" % (path, n))
        return errs


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: validate-json-schema.py SCHEMA DOCUMENT")
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    with open(sys.argv[2]) as f:
        doc = json.load(f)
    errors = Validator(schema).check(schema, doc, "$")
    for e in errors:
        print("invalid:", e)
    if errors:
        sys.exit(1)
    print("valid")


if __name__ == "__main__":
    main()
