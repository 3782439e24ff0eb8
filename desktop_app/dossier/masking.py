"""What of the complainant's own details the dossier's text masks. The ID number is always
masked (:meth:`Profile.masked_id`); the phone number and the address when the person asks
(``export --mask phone,address``, or the export dialog's boxes):

- a phone number keeps its last four digits and the three before the four it hides
  (13812345678 → 138****5678, +86 138 1234 5678 → +86 138 **** 5678); a short one keeps its
  last four only;
- an address keeps its province, city and district (北京市朝阳区建国路88号 → 北京市朝阳区****);
  one not written that way keeps its last comma-separated part (the town or country) only.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from desktop_app.services.profile import Profile

MASKABLE = ("phone", "address")  # the profile's fields the person may choose to mask
MASK = "****"

# the administrative divisions that start a Chinese address, each a short name without digits
# or the words of a street, lane or building
_NAME = r"[^\d\s,，#号路街道巷弄楼栋室村组]{1,12}?"
_REGION = re.compile(
    rf"^(?:{_NAME}(?:省|自治区|特别行政区))?"
    rf"(?:{_NAME}(?:自治州|地区|盟|市))?"
    rf"(?:{_NAME}(?:区|县|旗|市))?")


def mask_phone(phone: str) -> str:
    """The number with four of its digits hidden (all but the last four when it is short);
    spaces, dashes and the plus sign stay where they are."""
    digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
    n = len(digits)
    if n == 0:
        return phone
    if n <= 4:
        hidden = set(digits)
    elif n < 11:  # a short number: only its last four show
        hidden = set(digits[:n - 4])
    else:  # a mobile number (with its country code or not) or a landline with its area code
        hidden = set(digits[n - 8:n - 4])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(phone))


def mask_address(address: str) -> str:
    """The address's region (province, city, district) with the rest hidden."""
    text = " ".join(address.split())
    if not text:
        return ""
    region = _REGION.match(text)
    kept = region.group(0) if region is not None else ""
    if kept and len(kept) < len(text):
        return kept + MASK
    parts = [p.strip() for p in re.split(r"[,，]", text) if p.strip()]
    if len(parts) > 1:
        return f"{MASK}, {parts[-1]}"
    return MASK


def masked_profile(profile: Profile, fields: Iterable[str]) -> Profile:
    """The profile as the dossier shows it with ``fields`` (of :data:`MASKABLE`) masked."""
    chosen = set(fields)
    unknown = chosen - set(MASKABLE)
    if unknown:
        raise ValueError(f"cannot mask {sorted(unknown)}")
    changes = {}
    if "phone" in chosen and profile.phone:
        changes["phone"] = mask_phone(profile.phone)
    if "address" in chosen and profile.address:
        changes["address"] = mask_address(profile.address)
    return dataclasses.replace(profile, **changes)
