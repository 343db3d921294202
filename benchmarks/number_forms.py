"""The number stage on forms it was not built on: cn2an's own test data (the strict, normal and smart
dictionaries of cn2an/cn2an_test.py, shipped in the cn2an wheel), read by ``planledger.numbers.scan``.

    python benchmarks/number_forms.py [--show]

A form is read right when the scan finds one span covering the whole form with cn2an's value (the
unit's scale applied: 10.1万 is 101000). Prints, per dictionary, the forms, read right, read otherwise
(a span with another value or covering part of the form) and not read; --show lists those not right.
Some are left unread by design and say so in the list: a lone digit (一 of 统一, 十 of 十分), a run of
digits written one by one (二〇二一: a year or a code in a report), money in capitals with 角/分 (a cheque).
"""
from __future__ import annotations

import argparse
import sys


def _cases() -> dict[str, dict[str, float]]:
    from cn2an import cn2an_test

    t = cn2an_test.Cn2anTest()
    t.setUp()  # the dictionaries are filled in setUp, each later one holding the earlier ones
    strict = dict(t.strict_data_dict)
    normal = {k: v for k, v in t.normal_data_dict.items() if k not in strict}
    smart = {k: v for k, v in t.smart_data_dict.items() if k not in t.normal_data_dict}
    return {"strict": strict, "normal": normal, "smart": smart}


def reading(form: str) -> tuple[str, float | None]:
    """('right'|'other'|'none', the value read) of one form."""
    from planledger.lexicon import lexicon
    from planledger.numbers import scan

    spans = scan(form)
    if not spans:
        return "none", None
    s = spans[0]
    value = s.value * (lexicon().scales.get(s.scale, 1.0) if s.scale else 1.0)
    whole = len(spans) == 1 and s.start == 0 and s.end == len(form)
    return ("whole" if whole else "other"), value


def tally() -> dict[str, dict]:
    """Per dictionary: how many forms, read right, read otherwise, not read, and the lines that show
    the forms not read right."""
    out = {}
    for group, cases in _cases().items():
        counts = {"forms": len(cases), "right": 0, "other": 0, "none": 0, "shown": []}
        for form, expected in cases.items():
            how, value = reading(form)
            if how == "whole" and value is not None and abs(value - expected) <= 1e-9 * max(1.0, abs(expected)):
                counts["right"] += 1
                continue
            counts["none" if how == "none" else "other"] += 1
            counts["shown"].append(f"    {form} → {value if value is not None else '—'} (cn2an {expected:g})")
        out[group] = counts
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="list the forms not read right")
    a = ap.parse_args(argv)
    groups = tally()
    for group, c in groups.items():
        print(f"{group}: {c['forms']} forms, {c['right']} read right, {c['other']} read otherwise, {c['none']} not read")
        if a.show:
            print("\n".join(c["shown"]))
    total = sum(c["forms"] for c in groups.values())
    right = sum(c["right"] for c in groups.values())
    print(f"all: {right} of {total} read right ({right / total:.0%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
