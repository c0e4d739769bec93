"""TeX in digest text: ``$...$`` math and ``\\textit``-style emphasis, as arXiv titles and
abstracts write them.

The model keeps the text as the source wrote it (``S$^{2}$-DMs``); ``rich_html`` renders it for
the page: math as MathML built here at build time (no script, no CDN), emphasis as ``<em>``,
``<strong>``, ``<code>``; ``plain`` gives the readable text search, feeds and JSON show
(``S^2-DMs``). A formula that does not convert is shown as that readable text; ``formula_problems``
finds those for a warning with the entry's file and line.

MathML is markup generated from untrusted text, so it is not trusted either: ``<``, ``>`` and
``&`` are turned into TeX commands before conversion, and the converter's output is parsed and
written out again keeping only MathML elements and presentation attributes (no ``href``, no
``style``), with every text and attribute value escaped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from functools import lru_cache

from latex2mathml.converter import convert
from latex2mathml.symbols_parser import convert_symbol
from markupsafe import Markup, escape

# Inline math as pandoc reads it: the opening `$` has a non-space on its right, the closing one a
# non-space on its left and no digit on its right, so "$5 and $10" is money, not math. No
# backticks: "`${a}` and `${b}`" is code (JavaScript template strings), not math.
_MATH = re.compile(
    r"(?<![\\$])\$\$(?P<display>[^$`]+?)\$\$"
    r"|(?<![\\$])\$(?P<inline>[^\s$`](?:[^$`]*?[^\s\\$`])?)\$(?!\d)"
)
# `\textit{x}`, and the old `{\it x}`
_EMPHASIS = re.compile(
    r"\\(textit|emph|textbf|texttt|textsl|textsc|underline)\s*\{([^{}]*)\}|\{\\(it|em|bf|tt|sl)(?![A-Za-z])\s*([^{}]*)\}"
)
_EMPHASIS_TAGS = {"textit": "em", "emph": "em", "textsl": "em", "textbf": "strong", "texttt": "code",
                  "textsc": "span", "underline": "span", "it": "em", "em": "em", "sl": "em", "bf": "strong",
                  "tt": "code"}
_DOLLAR = re.compile(r"\\\$")
_COMMAND = re.compile(r"\\([A-Za-z]+)|\\(.)")
_BRACES = re.compile(r"[{}]")
MAX_FORMULA = 400  # characters: longer "formulas" are prose caught between two dollar signs
# Commands that make links, styles or ids: never converted, whatever the converter makes of them.
_REFUSED = re.compile(r"\\(href|url|style|class|cssId|html\w*|color|colorbox|textcolor|require|unicode)\b")

MATHML_ELEMENTS = frozenset(
    "math maction menclose merror mfenced mfrac mi mmultiscripts mn mo mover mpadded mphantom mprescripts "
    "mroot mrow ms mspace msqrt mstyle msub msubsup msup mtable mtd mtext mtr munder munderover none "
    "semantics annotation".split()
)
_ATTRIBUTES = frozenset(
    "display mathvariant stretchy fence separator accent accentunder lspace rspace columnalign rowalign "
    "rowspacing columnspacing movablelimits largeop minsize maxsize form linethickness symmetric "
    "columnlines rowlines frame scriptlevel displaystyle width height depth notation open close "
    "separators".split()
)
_SAFE_VALUE = re.compile(r"[\w .%#+-]*")
_NAMESPACE = re.compile(r"^\{[^}]*\}")


def has_tex(text: str) -> bool:
    return "$" in text or "\\" in text


def segments(text: str) -> Iterator[tuple[str, str]]:
    """("text", prose) and ("math", formula) / ("display", formula) pieces of ``text``, in order."""
    position = 0
    for match in _MATH.finditer(text):
        if match.start() > position:
            yield "text", text[position : match.start()]
        if match.group("display") is not None:
            yield "display", match.group("display")
        else:
            yield "math", match.group("inline")
        position = match.end()
    if position < len(text):
        yield "text", text[position:]


def outside_math(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to everything but its formulas."""
    if "$" not in text:
        return change(text)
    parts = []
    for kind, value in segments(text):
        if kind == "text":
            parts.append(change(value))
        else:
            parts.append(f"$${value}$$" if kind == "display" else f"${value}$")
    return "".join(parts)


def rich_html(text: str) -> Markup:
    """``text`` as HTML: escaped, its formulas as MathML, its emphasis commands as tags."""
    if not has_tex(text):
        return escape(text)
    parts = []
    for kind, value in segments(text):
        if kind == "text":
            parts.append(_prose_html(value))
        else:
            parts.append(mathml(value, kind == "display") or escape(plain_formula(value)))
    return Markup("".join(parts))


def _prose_html(text: str) -> str:
    if "\\" not in text:
        return str(escape(text))
    parts, position = [], 0
    for match in _EMPHASIS.finditer(text):
        parts.append(escape(_DOLLAR.sub("$", text[position : match.start()])))
        tag = _EMPHASIS_TAGS[match.group(1) or match.group(3)]
        parts.append(f"<{tag}>{escape(_DOLLAR.sub('$', _emphasised(match)))}</{tag}>")
        position = match.end()
    parts.append(escape(_DOLLAR.sub("$", text[position:])))
    return "".join(str(part) for part in parts)


def _emphasised(match: re.Match[str]) -> str:
    return match.group(2) if match.group(1) else match.group(4)


def plain(text: str) -> str:
    """The readable text of ``text``: formulas spelt out, emphasis commands and dollars gone."""
    if not has_tex(text):
        return text
    parts = []
    for kind, value in segments(text):
        if kind == "text":
            parts.append(_DOLLAR.sub("$", _EMPHASIS.sub(_emphasised, value)))
        else:
            parts.append(plain_formula(value))
    return "".join(parts)


@lru_cache(maxsize=8192)
def plain_formula(formula: str) -> str:
    """A formula as readable text: ``^{2}`` as ``^2``, ``\\phi`` as φ, unknown commands by name."""
    text = _COMMAND.sub(_symbol, formula[:MAX_FORMULA])
    text = re.sub(r"([\^_])\{([^{}]*)\}", r"\1\2", text)
    return " ".join(_BRACES.sub("", text).split())


def _symbol(match: re.Match[str]) -> str:
    if match.group(2) is not None:  # \{ \% \, and the like
        return "" if match.group(2) in ",;:! " else match.group(2)
    name = match.group(1)
    if name in ("mathrm", "mathbf", "mathit", "mathcal", "mathbb", "text", "textrm", "boldsymbol",
                "operatorname", "rm", "bf", "it", "left", "right", "big", "Big", "mathsf", "mathtt"):
        return ""
    code = convert_symbol("\\" + name)
    if code and re.fullmatch(r"[0-9A-Fa-f]{4,5}", code):
        return chr(int(code, 16))
    return name


def formula_problems(text: str) -> list[str]:
    """The formulas of ``text`` that do not convert to MathML."""
    if "$" not in text:
        return []
    return [value for kind, value in segments(text) if kind != "text" and mathml(value, kind == "display") is None]


@lru_cache(maxsize=8192)
def mathml(formula: str, display: bool = False) -> Markup | None:
    """The formula as sanitised MathML, or None when it does not convert (or is refused)."""
    if len(formula) > MAX_FORMULA or _REFUSED.search(formula):
        return None
    source = formula.replace("&", r"\& ").replace("<", r"\lt ").replace(">", r"\gt ")
    try:
        converted = convert(source, display="block" if display else "inline")
        root = ElementTree.fromstring(converted)
    except (Exception, RecursionError):  # the converter's errors have no common base class
        return None
    written = _written(root)
    return Markup(written) if written is not None else None


def _written(element: ElementTree.Element) -> str | None:
    """The element as MathML text, or None if it holds anything but MathML or an unknown command."""
    tag = _NAMESPACE.sub("", element.tag)
    if tag not in MATHML_ELEMENTS:
        return None
    attributes = "".join(
        f' {name}="{escape(value)}"' for name, value in sorted(element.attrib.items())
        if name in _ATTRIBUTES and _SAFE_VALUE.fullmatch(value)
    )
    text = element.text or ""
    if "\\" in text:  # the converter passes unknown commands through as text
        return None
    children = []
    for child in element:
        written = _written(child)
        if written is None:
            return None
        children.append(written + str(escape(child.tail or "")))
    return f"<{tag}{attributes}>{escape(text)}{''.join(children)}</{tag}>"
