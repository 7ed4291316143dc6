"""Validates a values file against the chart's values.schema.json, as Helm does before rendering.

usage: validate_values.py SCHEMA VALUES
Prints one JSON line: a list of {"path": [...], "message": "..."}, empty when the values are valid.
"""
import json
import sys

import jsonschema
import yaml


def main() -> None:
    schema_path, values_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(values_path, encoding="utf-8") as f:
        values = yaml.safe_load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = [
        {"path": [str(p) for p in e.absolute_path], "message": e.message}
        for e in validator_class(schema).iter_errors(values)
    ]
    print(json.dumps(errors))


if __name__ == "__main__":
    main()
