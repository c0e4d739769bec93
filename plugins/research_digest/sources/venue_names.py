"""Venue tables: the venue and year of a paper, read from a row's text, its link, the file name or the
headings above the table."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# --- venue and year -------------------------------------------------------------------------

_VENUE_NAMES: dict[str, str] = {
    "iccv": "ICCV", "cvpr": "CVPR", "eccv": "ECCV", "wacv": "WACV", "accv": "ACCV", "bmvc": "BMVC",
    "iccvw": "ICCV Workshops", "cvprw": "CVPR Workshops", "eccvw": "ECCV Workshops", "wacvw": "WACV Workshops",
    "neurips": "NeurIPS", "nips": "NeurIPS", "iclr": "ICLR", "icml": "ICML", "aaai": "AAAI", "ijcai": "IJCAI",
    "aistats": "AISTATS", "uai": "UAI", "colt": "COLT", "kdd": "KDD", "sigir": "SIGIR", "cikm": "CIKM",
    "wsdm": "WSDM", "acl": "ACL", "emnlp": "EMNLP", "naacl": "NAACL", "eacl": "EACL", "coling": "COLING",
    "interspeech": "Interspeech", "icassp": "ICASSP", "miccai": "MICCAI", "isbi": "ISBI", "ipmi": "IPMI",
    "midl": "MIDL", "icra": "ICRA", "iros": "IROS", "siggraph": "SIGGRAPH", "3dv": "3DV",
    "acmmm": "ACM MM", "acm mm": "ACM MM", "acm-mm": "ACM MM", "acm_mm": "ACM MM",
}
_VENUE_PATTERN = "|".join(sorted((re.escape(name) for name in _VENUE_NAMES), key=len, reverse=True))
_VENUE_YEAR = re.compile(
    rf"(?<![A-Za-z])(?P<venue>{_VENUE_PATTERN})(?![A-Za-z])(?:[ \t_\-']*(?P<year>(?:19|20)\d{{2}})(?!\d))?",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(r"^\s*(?:year\s*)?(?P<year>(?:19|20)\d{2})\s*(?:年|年份)?\s*$", re.IGNORECASE)
VALID_YEAR = re.compile(r"^(?P<year>(?:19|20)\d{2})\s*年?$")

_THECVF = re.compile(r"openaccess\.thecvf\.com/content[/_](?P<venue>[a-z]+?)_?(?P<year>(?:19|20)\d{2})(?P<w>w)?", re.I)
_NEURIPS = re.compile(r"^https?://(?:papers\.nips\.cc|proceedings\.neurips\.cc|(?:www\.)?neurips\.cc|nips\.cc)/", re.I)
_ACL_ANTHOLOGY = re.compile(
    r"aclanthology\.org/(?:[^/]+/)?(?P<year>(?:19|20)\d{2})\.(?P<findings>findings-)?(?P<venue>[a-z]+)[.\-]", re.I
)
_IJCAI = re.compile(r"ijcai\.org/proceedings/(?P<year>(?:19|20)\d{2})/", re.I)
_AAAI = re.compile(r"ojs\.aaai\.org/index\.php/AAAI/", re.I)
_YEAR_IN_PATH = re.compile(r"/(?P<year>(?:19|20)\d{2})/")
# Hosts whose URLs name no venue, or a venue only the page itself knows (openreview ids, PMLR volumes).
_NO_VENUE_HOSTS = re.compile(r"^https?://(?:[^/]*\.)?(?:openreview\.net|proceedings\.mlr\.press|arxiv\.org)/", re.I)


@dataclass(frozen=True)
class VenueYear:
    venue: str = ""
    year: int | None = None

    def or_else(self, other: VenueYear) -> VenueYear:
        return VenueYear(self.venue or other.venue, self.year if self.year is not None else other.year)


NOTHING = VenueYear()


def _venue_name(acronym: str) -> str:
    return _VENUE_NAMES.get(acronym.lower(), "")


def venue_in_text(text: str, *, year_required: bool) -> VenueYear:
    """The first ``ICCV 2023`` / ``cvpr-2024`` / ``ICCV`` in a string (with a year first when required)."""
    bare = ""
    for match in _VENUE_YEAR.finditer(text):
        if match["year"]:
            return VenueYear(_venue_name(match["venue"]), int(match["year"]))
        bare = bare or _venue_name(match["venue"])
    return NOTHING if year_required else VenueYear(bare)


def venue_from_url(url: str) -> VenueYear:
    if match := _THECVF.search(url):
        name = _venue_name(match["venue"] + ("w" if match["w"] else ""))
        return VenueYear(name, int(match["year"])) if name else NOTHING
    if _NEURIPS.match(url):
        year = _YEAR_IN_PATH.search(url)
        return VenueYear("NeurIPS", int(year["year"]) if year else None)
    if match := _ACL_ANTHOLOGY.search(url):
        name = _venue_name(match["venue"])
        if name and match["findings"]:
            name = f"Findings of {name}"
        return VenueYear(name, int(match["year"])) if name else NOTHING
    if match := _IJCAI.search(url):
        return VenueYear("IJCAI", int(match["year"]))
    if _AAAI.search(url):
        return VenueYear("AAAI")
    if _NO_VENUE_HOSTS.match(url):
        return NOTHING
    # Any other URL: only an acronym next to a year counts, a bare one may be a word of the title.
    return venue_in_text(url, year_required=True)


def venue_from_path(path: str) -> VenueYear:
    """``ICCV2023.md``, ``cvpr-2024.md``, ``ECCV_2022.txt``, or ``cvpr/2024.md``; the file name first."""
    parts = [part for part in re.split(r"[\\/]", path) if part]
    if not parts:
        return NOTHING
    parts[-1] = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", parts[-1])
    found = NOTHING
    for part in reversed(parts):
        found = found.or_else(venue_in_text(part, year_required=False))
        if found.venue and found.year is not None:
            break
    if found.venue and found.year is None and (year := _YEAR_ONLY.match(parts[-1])):
        found = VenueYear(found.venue, int(year["year"]))
    return found


def _venue_from_heading(heading: str) -> VenueYear:
    if year := _YEAR_ONLY.match(heading):
        return VenueYear(year=int(year["year"]))
    return venue_in_text(heading, year_required=False)


def _is_label_heading(heading: str) -> bool:
    """A heading that only names the venue and/or year (``## ICCV 2023``, ``## 2024``): not a section."""
    rest = _VENUE_YEAR.sub("", heading)
    rest = re.sub(r"(?:19|20)\d{2}|年份?|papers?|论文|accepted|[\s\-_:：()（）'·]", "", rest, flags=re.I)
    return not rest


# --- headings -------------------------------------------------------------------------------


@dataclass
class Headings:
    """The headings above the current point, outermost first."""

    stack: list[tuple[int, str]] = field(default_factory=list)

    def push(self, level: int, text: str) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, text))

    def venue(self) -> VenueYear:
        found = NOTHING
        for _, text in reversed(self.stack):
            found = found.or_else(_venue_from_heading(text))
        return found

    def section(self) -> str:
        for _, text in reversed(self.stack):
            if text and not _is_label_heading(text):
                return text
        return ""
