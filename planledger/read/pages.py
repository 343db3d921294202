"""Pages of a paged source (a PDF's pages, a text's form feeds): what stands on every page is the print's."""
from __future__ import annotations

from planledger import patterns

_RUNNING_EDGE = 2  # lines at each end of a page where a running header or footer stands
_PAGE_NUMBER = patterns.compile(r"\d+")


def without_running_lines(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers: a line standing among the first or last two
    lines of at least three pages and of half of them, the same but for its numbers ("2026年政府工作报告",
    "— 3 —", "第 3 页 共 12 页"), is the print's, not the report's; it would run into the sentence the
    page break cuts ("电子病历共享和检查检验" + 政府工作报告 + "结果互认…")."""
    if len(pages) < 3:
        return pages
    edges: list[set[str]] = []
    for text in pages:
        lines = [x.strip() for x in text.split("\n") if x.strip()]
        edges.append({_PAGE_NUMBER.sub("#", x) for x in lines[:_RUNNING_EDGE] + lines[-_RUNNING_EDGE:]})
    counts: dict[str, int] = {}
    for found in edges:
        for key in found:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, n in counts.items() if n >= 3 and n * 2 >= len(pages)}
    if not running:
        return pages
    out = []
    for text in pages:
        lines = text.split("\n")
        filled = [i for i, x in enumerate(lines) if x.strip()]
        edge = set(filled[:_RUNNING_EDGE] + filled[-_RUNNING_EDGE:])
        out.append("\n".join(x for i, x in enumerate(lines)
                             if not (i in edge and _PAGE_NUMBER.sub("#", x.strip()) in running)))
    return out
