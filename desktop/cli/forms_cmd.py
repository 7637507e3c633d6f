"""`township forms list | show FORM [--json] | check FILE | install FILE | eval EXPRESSION` and
`township validate FORM --json FILE|-`: form packs and dry runs of the entry rules."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import UserError
from desktop.core.i18n import Text, current_language
from desktop.core.paths import data_dir

if TYPE_CHECKING:  # the forms engine loads when a forms command runs, not with the command line
    from desktop.core.forms.registry import FormRegistry
    from desktop.core.rules import RuleContext


def register(subparsers, common) -> None:
    forms = subparsers.add_parser("forms", parents=[common], help="list, show, check and install form packs")
    actions = forms.add_subparsers(dest="forms_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", parents=[common], help="forms and their versions")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(func=list_forms)

    show = actions.add_parser("show", parents=[common], help="fields, types, rules and choice lists of a form")
    show.add_argument("form", metavar="FORM")
    show.add_argument("--version", dest="form_version", metavar="VERSION", help="a given version (default: newest)")
    show.add_argument("--json", action="store_true", help="the whole definition as JSON")
    show.set_defaults(func=show_form)

    check = actions.add_parser("check", parents=[common], help="report a form file's problems without installing it")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--json", action="store_true", help="problems as JSON")
    check.set_defaults(func=check_form)

    install = actions.add_parser("install", parents=[common], help="check and install a form file")
    install.add_argument("file", metavar="FILE")
    install.set_defaults(func=install_form)

    evaluate = actions.add_parser("eval", parents=[common],
                                  help="the result of an expression on given field values, as ODK Collect gives it")
    evaluate.add_argument("expression", metavar="EXPRESSION")
    evaluate.add_argument("--values", metavar="JSON", help='field values as a JSON object, e.g. \'{"age": 20}\'; - reads standard input')
    evaluate.add_argument("--form", metavar="FORM", help="values take the types of this form's fields")
    evaluate.add_argument("--today", metavar="YYYY-MM-DD", help="the date today() gives")
    evaluate.set_defaults(func=eval_expression)

    validate = subparsers.add_parser("validate", parents=[common],
                                     help="dry run of the entry rules on one record or a list")
    validate.add_argument("form", metavar="FORM")
    validate.add_argument("--json", dest="json_file", required=True, metavar="FILE",
                          help="a JSON record or list of records; - reads standard input")
    validate.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    validate.add_argument("--version", dest="form_version", metavar="VERSION", help="form version (default: newest)")
    validate.add_argument("--township", metavar="CODE", help="township code the village choices are filtered by")
    validate.add_argument("--today", metavar="YYYY-MM-DD", help="the date rules take as today")
    validate.set_defaults(func=validate_records)


def registry_for(args) -> FormRegistry:
    from desktop.core.forms.registry import FormRegistry

    return FormRegistry.for_data_dir(data_dir(getattr(args, "data_dir", None)))


def _print_json(value) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def list_forms(args) -> int:
    registry = registry_for(args)
    rows = []
    for form in registry.latest():
        rows.append({"form_id": form.form_id, "version": form.version, "title": form.title.as_dict(),
                     "versions": registry.versions(form.form_id), "fields": len(form.fields)})
    if getattr(args, "json", False):
        _print_json(rows)
        return 0
    for row in rows:
        title = row["title"][current_language()]
        print(f"{row['form_id']:<22} {row['version']:<12} {title}  ({', '.join(row['versions'])})")
    return 0


def show_form(args) -> int:
    form = registry_for(args).get(args.form, args.form_version)
    if args.json:
        _print_json(form.as_dict())
        return 0
    lang = current_language()
    print(f"{form.form_id} {form.version}  {form.title.get(lang)}")
    for field in form.fields:
        indent = "    " if field.repeat else "  "
        flags = [flag for flag, on in (("required", field.required == "true()"), ("unique", field.unique),
                                       ("search", field.search), ("readonly", field.readonly)) if on]
        where = f"[{field.repeat}] " if field.repeat else ""
        print(f"{indent}{where}{field.name:<22} {field.type:<16} {field.label.get(lang)}"
              + (f"  ({', '.join(flags)})" if flags else ""))
        for rule in ("relevant", "calculate", "constraint", "soft_constraint", "choice_filter"):
            if getattr(field, rule):
                print(f"{indent}    {rule}: {getattr(field, rule)}")
        if field.required and field.required != "true()":
            print(f"{indent}    required: {field.required}")
        if field.choice_list:
            choices = form.choice_lists[field.choice_list]
            source = f" <- codelist {choices.codelist}" if choices.codelist else ""
            print(f"{indent}    choices: {field.choice_list} ({len(choices)}){source}")
    return 0


def check_form(args) -> int:
    from desktop.core.forms.model import FormLoadError

    try:
        form = registry_for(args).check(Path(args.file))
    except FormLoadError as error:
        if args.json:
            _print_json({"ok": False, "problems": [p.as_dict() for p in error.problems]})
            return 1
        raise
    if args.json:
        _print_json({"ok": True, "form_id": form.form_id, "version": form.version,
                     "warnings": [w.as_dict() for w in form.warnings]})
    else:
        print(Text(f"OK: {form.form_id} version {form.version}, {len(form.fields)} fields",
                   f"通过：{form.form_id} 版本 {form.version}，共 {len(form.fields)} 个字段"))
        for warning in form.warnings:  # what was ignored or defaulted (docs/FORMS.md)
            print(Text("  ! ", "  ! ") + warning.text())
    return 0


def install_form(args) -> int:
    from desktop.core.forms.keys import keep_for

    registry = registry_for(args)
    form = registry.install(Path(args.file))
    keep_for(data_dir(getattr(args, "data_dir", None)), registry)   # the next import loads no form
    print(Text(f"installed {form.form_id} version {form.version}",
               f"已安装 {form.form_id} 版本 {form.version}"))
    return 0


def eval_expression(args) -> int:
    """`forms eval`: one JSON object {"value", "type"}, or {"error"} and exit 1."""
    from desktop.core.rules.playground import EvaluationError, ExpressionError, evaluate_text

    values = {}
    if args.values:
        text = sys.stdin.read() if args.values == "-" else args.values
        try:
            values = json.loads(text)
        except json.JSONDecodeError as error:
            raise UserError(Text(f"--values is not valid JSON (column {error.colno})",
                                 f"--values 不是有效的 JSON（第 {error.colno} 列）")) from None
        if not isinstance(values, dict):
            raise UserError(Text("--values must be a JSON object of field names and values",
                                 "--values 必须是由字段名和值组成的 JSON 对象"))
    form = registry_for(args).get(args.form) if args.form else None
    context = context_for(args)
    try:
        result = evaluate_text(args.expression, values, form=form, context=context)
    except ExpressionError as error:
        json.dump({"error": error.text.get(current_language())}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 1
    except EvaluationError as error:
        json.dump({"error": error.text.get(current_language())}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def read_records(source: str) -> list[dict]:
    """One JSON object or a list of them, from a file or standard input ('-')."""
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise UserError(Text(f"cannot read {source}: {error.strerror}", f"无法读取 {source}：{error.strerror}")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UserError(Text(f"{source} is not valid JSON (line {error.lineno}, column {error.colno})",
                             f"{source} 不是有效的 JSON（第 {error.lineno} 行第 {error.colno} 列）")) from None
    records = data if isinstance(data, list) else [data]
    if not all(isinstance(record, dict) for record in records):
        raise UserError(Text("each record must be a JSON object of field names and values",
                             "每条记录必须是由字段名和值组成的 JSON 对象"))
    return records


def context_for(args) -> RuleContext:
    from desktop.core.rules import RuleContext

    today = datetime.date.today()
    if getattr(args, "today", None):
        try:
            today = datetime.date.fromisoformat(args.today)
        except ValueError:
            raise UserError(Text(f"--today must be YYYY-MM-DD, not {args.today}",
                                 f"--today 须为 YYYY-MM-DD 格式，而不是 {args.today}")) from None
    return RuleContext(today=today, values={"township": getattr(args, "township", None) or ""})


def _store_context(args, context: RuleContext):
    """In a set-up data folder: its township and the store's duplicate lookup (read only)."""
    from desktop.core.errors import DataDirError
    from desktop.core.workspace.workspace import Workspace
    try:
        workspace = Workspace.open(getattr(args, "data_dir", None))
    except DataDirError as error:
        if error.code != "not-set-up":
            raise
        return None  # no installation: rules only, as for a county officer checking a file
    from desktop.core.entry import entry
    store = entry.rule_context(workspace)
    context.find_existing = store.find_existing
    if not context.values.get("township"):
        context.values = {**store.values}
    return workspace


def validate_records(args) -> int:
    form = registry_for(args).get(args.form, args.form_version)
    records = read_records(args.json_file)
    context = context_for(args)
    workspace = _store_context(args, context)
    try:
        return _report(args, form, records, context)
    finally:
        if workspace is not None:
            workspace.close()


def _report(args, form, records, context) -> int:
    from desktop.core.rules import evaluate_form

    results = []
    for index, record in enumerate(records):
        state = evaluate_form(form, record, context, record_id=record.get("id") if isinstance(
            record.get("id"), str) else None)
        results.append({"index": index, "ok": state.ok, "violations": [v.as_dict() for v in state.violations]})
    if args.format == "json":
        _print_json({"form_id": form.form_id, "version": form.version, "records": results})
    else:
        lang = current_language()
        for result in results:
            if not result["violations"]:
                print(f"#{result['index'] + 1}: OK")
                continue
            status = "OK" if result["ok"] else Text("REJECTED", "不通过").get(lang)
            print(f"#{result['index'] + 1}: {status}")
            for violation in result["violations"]:
                severity = (Text("error", "错误") if violation["severity"] == "error"
                            else Text("warning", "警告")).get(lang)
                print(f"  {severity}: {violation['path']}: {violation['message'][lang]}")
    return 0 if all(result["ok"] for result in results) else 1


__all__ = ["register", "read_records", "context_for"]
