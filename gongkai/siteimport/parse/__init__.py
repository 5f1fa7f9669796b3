"""Reading saved article pages of Chinese government sites (issue 22 item 2)."""
from .dates import parse_date
from .decode import UndecodablePage, decode
from .page import MESSAGES, ParsedPage, parse_html

__all__ = ["MESSAGES", "ParsedPage", "UndecodablePage", "decode", "parse_date", "parse_html"]
