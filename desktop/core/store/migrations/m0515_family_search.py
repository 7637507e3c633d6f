"""Family members found by search: the search text of a record already stored gains its family
members' names (with pinyin) and ID numbers, as a record saved from now on has them
(desktop.core.store.search). Only what the shipped forms call them (`member_name`,
`member_id_number`) is known here; the text a record had is kept and added to.
"""

import json

NUMBER = 515
NAME = "family members in the search text"


def apply(db):
    from desktop.core.store.search import MEMBER_FALLBACK_FIELDS, search_text

    rows = db.execute("SELECT id, data, search_text FROM records WHERE data LIKE '%member\\_%' ESCAPE '\\'").fetchall()
    for record_id, data, text in rows:
        try:
            values = json.loads(data)
        except ValueError:
            continue
        members = search_text({key: value for key, value in values.items() if isinstance(value, list)},
                              MEMBER_FALLBACK_FIELDS)
        if members and members not in (text or ""):
            db.execute("UPDATE records SET search_text = ? WHERE id = ?", [f"{text or ''} {members}".strip(), record_id])
