"""`township verify-batch create | list`: choose records to verify by re-keying (a clerk's day, a
village or a seeded sample) and list the batches with how far each is verified
(desktop.core.quality.verification; the re-keying itself is done on the entry form)."""

from __future__ import annotations

import sys

from desktop.cli.common import add_clerk_option, open_workspace, print_json
from desktop.core.i18n import Text, current_language


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("verify-batch", parents=[common],
                                   help="choose records to verify by re-keying, list the batches")
    sub = parser.add_subparsers(dest="verify_command", metavar="ACTION", required=True)
    create = sub.add_parser("create", parents=[common], help="a new batch of records to re-key (supervisors)")
    chosen = create.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--clerk-day", nargs=2, metavar=("NAME", "DATE"),
                        help="the records the clerk NAME keyed on DATE (YYYY-MM-DD)")
    chosen.add_argument("--village", metavar="CODE", help="the records of the village (its code)")
    chosen.add_argument("--sample", type=float, metavar="PCT", help="a sample of PCT %% of the completed records")
    create.add_argument("--seed", type=int, default=None, metavar="N",
                        help="the seed the sample is drawn from (the same seed draws the same records)")
    create.add_argument("--form", metavar="FORM", help="only the records of this form")
    create.add_argument("--json", action="store_true", help="the batch as one JSON object")
    add_clerk_option(create)
    create.set_defaults(func=run_create)
    listing = sub.add_parser("list", parents=[common], help="the batches, newest first, and how far each is")
    listing.add_argument("--json", action="store_true", help="the batches as a JSON list")
    listing.set_defaults(func=run_list)


def run_create(args) -> int:
    from desktop.core.errors import UserError
    from desktop.core.quality import verification

    if args.sample is not None and args.seed is None:
        raise UserError(Text("A sample needs --seed N, so that it can be drawn again.",
                             "抽样需要 --seed N，以便重现抽样。"), code="usage")
    if args.sample is None and args.seed is not None:
        raise UserError(Text("--seed goes with --sample.", "--seed 只用于 --sample。"), code="usage")
    chosen = verification.selection(clerk_day=tuple(args.clerk_day) if args.clerk_day else None,
                                    village=args.village,
                                    sample=(args.sample, args.seed) if args.sample is not None else None,
                                    form_id=args.form)
    with open_workspace(args, sign_in=True) as workspace:
        batch = verification.create_batch(workspace, chosen)
    if args.json:
        print_json(batch.as_dict())
    else:
        what = batch.describe().get(current_language())
        print(Text.counted(batch.total, f"batch {batch.number}: {what}, {{n}} record to re-key",
                           f"batch {batch.number}: {what}, {{n}} records to re-key",
                           f"第 {batch.number} 批：{what}，待重录 {{n}} 条"))
    return 0


def run_list(args) -> int:
    from desktop.core.quality import verification

    with open_workspace(args) as workspace:
        found = verification.batches(workspace.db)
    if args.json:
        print_json([batch.as_dict() for batch in found])
        return 0
    language = current_language()
    for batch in found:
        # a record deleted before it was verified is settled: counted as such, and the batch done
        state = [Text.counted(batch.deleted, "{n} deleted", "{n} deleted", "已删除 {n} 条").get(language)] \
            if batch.deleted else []
        if batch.done:
            state.append(Text("done", "已完成").get(language))
        print("\t".join([str(batch.number), batch.describe().get(language), f"{batch.verified}/{batch.total}",
                         batch.created_by, batch.created_at[:16], ", ".join(state)]))
    print(Text.counted(len(found), "{n} batch", "{n} batches", "共 {n} 批").get(language), file=sys.stderr)
    return 0
