"""Parsing untrusted XML and HTML with lxml: no entities, no DTDs, no network.

Every reader that parses markup goes through here, so the protections against XXE,
entity expansion ("billion laughs") and network fetches are configured once.
"""

from __future__ import annotations

import re

from lxml import etree, html

from .errors import InputError

MAX_XML_BYTES = 200 * 1024 * 1024
_DOCTYPE_ENTITY = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I | re.S)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of an XML document; entity declarations are refused outright."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name}: XML part larger than {MAX_XML_BYTES} bytes")
    if _DOCTYPE_ENTITY.search(data[:65536]):
        raise InputError(f"{name}: XML declares entities in a DOCTYPE; refused (XXE/expansion)")
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{name}: malformed XML: {exc.msg}") from exc
    if root is None:
        raise InputError(f"{name}: empty XML document")
    if root.getroottree().docinfo.internalDTD is not None:
        # Whatever slipped past the byte check: no document we read needs a DTD.
        raise InputError(
            f"{name}: XML carries a DOCTYPE with an internal DTD; refused (XXE/expansion)"
        )
    return root


def parse_html(data: bytes, name: str) -> etree._Element:
    """The root of an HTML document, parsed without network access or entity loading."""
    if len(data) > MAX_XML_BYTES:
        raise InputError(f"{name}: HTML larger than {MAX_XML_BYTES} bytes")
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: unreadable HTML: {exc}") from exc
    return root
