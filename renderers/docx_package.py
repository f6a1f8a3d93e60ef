"""The parts of a WordprocessingML package around the body, and the zip that holds them.

The bytes depend on the content alone: members in sorted order (which puts
`[Content_Types].xml` first), one fixed timestamp, fixed compression, and dates taken
from the documents, never from the clock.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from xml.sax.saxutils import escape

from lxml import etree

from .docx_revisions import W_NS, sub

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFDOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_CORE = "application/vnd.openxmlformats-package.core-properties+xml"
_THEME = "application/vnd.openxmlformats-officedocument.theme+xml"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="{_WML}.styles+xml"/>
<Override PartName="/word/settings.xml" ContentType="{_WML}.settings+xml"/>
<Override PartName="/word/footnotes.xml" ContentType="{_WML}.footnotes+xml"/>
<Override PartName="/word/header1.xml" ContentType="{_WML}.header+xml"/>
<Override PartName="/word/header2.xml" ContentType="{_WML}.header+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="{_WML}.fontTable+xml"/>
<Override PartName="/word/theme/theme1.xml" ContentType="{_THEME}"/>
<Override PartName="/docProps/core.xml" ContentType="{_CORE}"/>
</Types>
"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_RELS}">
<Relationship Id="rId1" Type="{_OFFDOC}/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="{_CORE_REL}" Target="docProps/core.xml"/>
</Relationships>
"""

DOCUMENT_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="{_RELS}">
<Relationship Id="rId1" Type="{_OFFDOC}/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="{_OFFDOC}/settings" Target="settings.xml"/>
<Relationship Id="rId3" Type="{_OFFDOC}/footnotes" Target="footnotes.xml"/>
<Relationship Id="rId4" Type="{_OFFDOC}/header" Target="header1.xml"/>
<Relationship Id="rId5" Type="{_OFFDOC}/header" Target="header2.xml"/>
<Relationship Id="rId6" Type="{_OFFDOC}/fontTable" Target="fontTable.xml"/>
<Relationship Id="rId7" Type="{_OFFDOC}/theme" Target="theme/theme1.xml"/>
</Relationships>
"""

# Track changes stays on, so edits a reader makes to the redline are tracked too.
SETTINGS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}">
<w:trackRevisions/>
<w:defaultTabStop w:val="567"/>
<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>
<w:compat><w:compatSetting w:name="compatibilityMode" w:val="15"
 w:uri="http://schemas.microsoft.com/office/word"/></w:compat>
</w:settings>
"""


def _style(sid: str, name: str, ppr: str = "", rpr: str = "", kind: str = "paragraph") -> str:
    based = '<w:basedOn w:val="Normal"/>' if sid != "Normal" and kind == "paragraph" else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{sid}"><w:name w:val="{name}"/>{based}'
        f"{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}"
        "</w:style>"
    )


# The UN's layout: body text justified, operative paragraphs with the number hanging in
# the margin, sub-paragraphs indented a step further, headings bold and centred.
_BODY = '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>'
STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
    '<w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:rPrDefault></w:docDefaults>'
    + _style("Normal", "Normal", _BODY)
    + _style("Preambular", "Preambular paragraph", '<w:ind w:left="1267" w:firstLine="624"/>')
    + _style("Operative", "Operative paragraph", '<w:ind w:left="1267" w:firstLine="624"/>')
    + _style("Subparagraph", "Sub-paragraph", '<w:ind w:left="1834" w:firstLine="624"/>')
    + _style(
        "Heading",
        "Heading",
        '<w:keepNext/><w:spacing w:before="240" w:after="120"/><w:jc w:val="center"/>',
        "<w:b/>",
    )
    + _style("AnnexHeading", "Annex heading", '<w:keepNext/><w:jc w:val="right"/>', "<w:b/>")
    + _style("Cover", "Comparison cover", '<w:spacing w:after="0"/><w:jc w:val="left"/>')
    + _style(
        "CoverTitle", "Comparison title", '<w:spacing w:after="120"/>', '<w:b/><w:sz w:val="24"/>'
    )
    + _style("FootnoteText", "footnote text", '<w:spacing w:after="0"/>', '<w:sz w:val="17"/>')
    + _style("Header", "header", '<w:jc w:val="right"/>', '<w:sz w:val="17"/>')
    + _style(
        "FootnoteReference",
        "footnote reference",
        rpr='<w:vertAlign w:val="superscript"/>',
        kind="character",
    )
    + '<w:style w:type="table" w:styleId="CoverTable"><w:name w:val="Comparison table"/>'
    "<w:tblPr><w:tblBorders>"
    + "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    + "</w:tblBorders></w:tblPr></w:style></w:styles>\n"
)


FONT_TABLE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="{W_NS}"><w:font w:name="Times New Roman"><w:family w:val="roman"/></w:font>
</w:fonts>
"""

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = '<a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>'
_COLORS = (
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>'
    + "".join(
        f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>'
        for name, rgb in (
            ("dk2", "1F1F1F"),
            ("lt2", "EEEEEE"),
            ("accent1", "1F4E79"),
            ("accent2", "8B0000"),
            ("accent3", "0B5A0B"),
            ("accent4", "7F6000"),
            ("accent5", "5B5B5B"),
            ("accent6", "3B3B98"),
            ("hlink", "0563C1"),
            ("folHlink", "954F72"),
        )
    )
)
_FONTS = '<a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/>'
# Word's file-format validator asks every document part for a theme: the smallest
# complete one (12 colours, major and minor fonts, three styles of each kind).
THEME = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a:theme xmlns:a="{_A}" '
    'name="resdiff"><a:themeElements>'
    f'<a:clrScheme name="resdiff">{_COLORS}</a:clrScheme>'
    f'<a:fontScheme name="resdiff"><a:majorFont>{_FONTS}</a:majorFont>'
    f"<a:minorFont>{_FONTS}</a:minorFont></a:fontScheme>"
    f'<a:fmtScheme name="resdiff"><a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>'
    f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
    f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst></a:fmtScheme>"
    "</a:themeElements></a:theme>\n"
)


def section(body: etree._Element) -> None:
    """A4 pages as the UN prints, one-inch margins, the cover header on the first page only."""
    sect = sub(body, "sectPr")
    for kind, rid in (("default", "rId4"), ("first", "rId5")):
        ref = sub(sect, "headerReference", type=kind)
        ref.set(f"{{{REL_NS}}}id", rid)
    sub(sect, "pgSz", w="11906", h="16838")
    margins = {"top": "1440", "right": "1440", "bottom": "1440", "left": "1440"}
    sub(sect, "pgMar", **margins, header="720", footer="720", gutter="0")
    sub(sect, "titlePg")


def header(text: str) -> bytes:
    """A page header naming both versions, on every page."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}">'
        f'<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:t xml:space="preserve">'
        f"{escape(text)}</w:t></w:r></w:p></w:hdr>\n"
    ).encode()


def core_properties(title: str, date: str | None) -> bytes:
    stamp = ""
    if date:
        stamp = (
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{escape(date)}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{escape(date)}</dcterms:modified>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>resdiff</dc:creator>{stamp}"
        "</cp:coreProperties>\n"
    ).encode()


def xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def zip_package(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip with sorted members and a fixed timestamp: same parts, same bytes."""
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(parts):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, parts[name], compresslevel=6)
    return buffer.getvalue()
