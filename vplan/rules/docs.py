"""The rule list for people, generated from the rules' own docstrings.

    python -m vplan.rules.docs > docs/regler.md

`parse` splits a docstring into summary, "Varför:", "Fel:" and "Rätt:" so
the SARIF reporter can reuse the same text as help for each rule.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

PARTS = ("Varför", "Fel", "Rätt")
_PART = re.compile(r"^(Varför|Fel|Rätt):[ \t]*(.*)$")


@dataclass(frozen=True)
class RuleDoc:
    summary: str  # one paragraph: what the rule checks
    why: str  # why it matters (may be several sentences)
    bad: str  # example that the rule reports (dedented, may be several lines)
    good: str  # the same example written correctly

    def missing(self) -> list[str]:
        return [name for name, text in zip(("sammanfattning", *PARTS),
                                           (self.summary, self.why, self.bad, self.good)) if not text]


def parse(doc: str) -> RuleDoc:
    """Split a rule docstring into its parts; absent parts are empty strings."""
    found: dict[str, list[str]] = {"": []}
    current = ""
    for line in _cleandoc(doc or "").split("\n"):
        m = _PART.match(line)
        if m:
            current = m.group(1)
            found[current] = [m.group(2)] if m.group(2) else []
        else:
            found[current].append(line)

    def prose(lines) -> str:
        return " ".join(" ".join(lines).split())

    def example(lines) -> str:
        return textwrap.dedent("\n".join(lines)).strip("\n")

    return RuleDoc(prose(found[""]), prose(found.get("Varför", [])),
                   example(found.get("Fel", [])), example(found.get("Rätt", [])))


def _cleandoc(doc: str) -> str:
    """Like inspect.cleandoc, but keeps tabs (an example may be about a tab)."""
    first, _, rest = doc.strip().partition("\n")
    return (first + "\n" + textwrap.dedent(rest)).strip()


def _md(text: str) -> str:
    """Prose for Markdown: <sup>, [^3] and *namn are shown, not interpreted."""
    return re.sub(r"([\\<>\[\]*])", r"\\\1", text)


def _language(code: str) -> str:
    lines = [ln.strip() for ln in code.split("\n") if ln.strip()]
    yamlish = re.compile(r"^(- |\.\.\.$|[\w\"'åäöÅÄÖ-][^:]*:( |$))")
    return "yaml" if all(yamlish.match(ln) for ln in lines) else "markdown"


def example_markdown(code: str) -> str:
    """A fenced block, or an italic sentence for examples like '(en fil sparad som …)'."""
    if code.startswith("(") and code.endswith(")") and "\n" not in code:
        return f"*{code[1:-1][:1].upper()}{code[2:-1]}.*"
    fence = "````" if "```" in code else "```"
    return f"{fence}{_language(code)}\n{code}\n{fence}"


def rule_help_markdown(rule) -> str:
    """The per-rule section body (no heading): used in docs/regler.md and SARIF help."""
    d = parse(rule.doc)
    out = [_md(d.summary), "", f"**Varför:** {_md(d.why)}", "", "**Fel:**", "", example_markdown(d.bad),
           "", "**Rätt:**", "", example_markdown(d.good)]
    return "\n".join(out)


def rule_help_text(rule) -> str:
    d = parse(rule.doc)
    return f"{d.summary}\n\nVarför: {d.why}\n\nFel:\n{_indent(d.bad)}\n\nRätt:\n{_indent(d.good)}\n"


def _indent(text: str) -> str:
    return "\n".join(f"    {ln}" if ln else "" for ln in text.split("\n"))


HEADER = """\
# Regler i vplan check

`vplan check` kontrollerar planerna mot reglerna nedan. Varje fynd har en kod
(till exempel VP302), ett allvar och en plats i filen (fil:rad:kolumn).

- **fel** gör att `vplan check` avslutas med slutkod 1.
- **varning** påverkar inte slutkoden, utom med `vplan check --strict`.

Koderna ändras aldrig, så de kan användas i skript, i
`undantag: [VP302]` på en tabellrad, i `vplan.toml` och i planens
`kontroller:` för att stänga av regler, och i en profils `allvar:` för att
ändra allvaret (se [Strukturprofiler](profiler.md) och avsnitt 5 i [Så skriver du en plan](format.md)).

<!-- Genererad från reglernas dokumentation i vplan/rules/. Ändra inte här:
     ändra docstringen och kör python -m vplan.rules.docs > docs/regler.md -->
"""


def generate(registry=None) -> str:
    from vplan.rules import registry as load_registry

    rules = list((registry or load_registry()).values())
    out = [HEADER, "| Kod | Allvar | Namn | Vad som kontrolleras |", "|---|---|---|---|"]
    for r in rules:
        summary = _md(parse(r.doc).summary).replace("|", "\\|")
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.severity.value} | {r.name} | {summary} |")
    for r in rules:
        out += ["", f"## {r.code}", "", f"Namn: `{r.name}` · Allvar: **{r.severity.value}**", "",
                rule_help_markdown(r)]
    return "\n".join(out) + "\n"


def main() -> None:
    import sys

    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    sys.stdout.write(generate())


if __name__ == "__main__":
    main()
