"""Masking of personal data wherever comments and messages are shown.

The pieces are shared, not copied: names, phones and e-mails are masked like disclosure requests'
applicants (gongkai.core.validators), and free text is scanned like records before publication
(gongkai.core.privacy).
"""
from gongkai.core.validators import mask_email, mask_middle, mask_name  # noqa: F401  (re-exported)
from gongkai.core.privacy import mask_value, scan


def mask_text(text: str) -> str:
    """Return `text` with every ID number, mobile number, bank card and e-mail address masked."""
    if not text:
        return text
    out, pos = [], 0
    for m in scan(text):
        out.append(text[pos:m.start])
        out.append(mask_value(m.kind, m.value))
        pos = m.end
    out.append(text[pos:])
    return "".join(out)


def mask_phone(phone: str) -> str:
    return mask_middle(phone or "")
