"""A PDF's texts, read by allowlist: its text layer page by page, document information and XMP metadata,
annotations and links, bookmarks (outline titles) and form fields (names and values).

What a reader's viewer runs or opens rather than shows cannot be checked, and the whole file is refused naming
it and where it is: embedded files (/EmbeddedFile, file attachments), JavaScript (/JS, /JavaScript, in
/OpenAction, /AA or a document's names), actions other than going to a page or a link (/Launch, /SubmitForm,
/ImportData, …), XFA forms, and multimedia annotations.
"""

from __future__ import annotations

import io

from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import PSLiteral

from studysite.core.readertext import Piece, decoded_url, from_plain
from studysite.rules.xmlparts import Unreadable, xml_pieces, xml_text

# Actions a viewer takes that show or go somewhere (and open nothing, run nothing).
_ACTIONS = frozenset({"GoTo", "GoToR", "URI", "Named", "Thread", "SetOCGState", "ResetForm", "Hide", "Trans"})
_ANNOTATIONS = frozenset(
    {"Text", "Link", "FreeText", "Line", "Square", "Circle", "Polygon", "PolyLine", "Highlight", "Underline"}
    | {"Squiggly", "StrikeOut", "Stamp", "Caret", "Ink", "Popup", "Widget", "PrinterMark", "TrapNet"}
    | {"Watermark", "Redact"}
)
_ANNOTATION_TEXTS = ("Contents", "T", "Subj", "TU", "TM")
_FIELD_TEXTS = ("T", "TU", "TM", "V", "DV", "Opt")
_BACK = ("Parent", "P")  # the way back up to a page or a field: walked from the top already
_LIMIT = 1_000_000  # objects visited: a PDF larger than this is refused, not walked for ever


def _literal(value: PSLiteral) -> str:
    name = value.name
    return name.decode("latin-1") if isinstance(name, bytes) else name


def _name(value) -> str | None:
    return _literal(value) if isinstance(value, PSLiteral) else None


def _string(value) -> str:
    """A PDF text string as a viewer shows it (UTF-16 or UTF-8 with a byte order mark, else PDFDocEncoding)."""
    from pdfminer.utils import decode_text

    if isinstance(value, PSLiteral):
        return _literal(value)
    if not isinstance(value, bytes):
        return str(value) if isinstance(value, (int, float)) else ""
    if value.startswith(b"\xef\xbb\xbf"):
        return value[3:].decode("utf-8", errors="replace")
    return decode_text(value)


def _strings(value, seen: set[int] | None = None) -> list[str]:
    """Every string in a value (a field's /V may be a list; /Opt a list of pairs)."""
    seen = seen if seen is not None else set()
    if isinstance(value, PDFObjRef):
        if value.objid in seen:
            return []
        seen.add(value.objid)
        value = value.resolve()
    if isinstance(value, list):
        return [s for item in value for s in _strings(item, seen)]
    if isinstance(value, PDFStream):
        return [value.get_data().decode("utf-8", errors="replace")]
    return [_string(value)] if isinstance(value, (bytes, PSLiteral, int, float)) else []


def _refusal(node: dict, where: str) -> str | None:
    """Why a dictionary cannot be let through, or None."""
    if _name(node.get("Type")) == "EmbeddedFile" or "EF" in node or "EmbeddedFiles" in node:
        return f"嵌入的文件（{where}{' /EmbeddedFiles' if 'EmbeddedFiles' in node else ''}）"
    if "JS" in node or "JavaScript" in node or _name(node.get("S")) == "JavaScript":
        return f"JavaScript 脚本（{where}）"
    if "XFA" in node:
        return f"XFA 表单（{where}）"
    action = _name(node.get("S"))
    if action is not None and action not in _ACTIONS and ("Type" not in node or _name(node["Type"]) == "Action"):
        what = "启动程序的动作" if action == "Launch" else "本站无法检查的动作"
        return f"{what}（{where} /{action}）"
    subtype = _name(node.get("Subtype"))
    if _name(node.get("Type")) == "Annot" and subtype not in _ANNOTATIONS:
        return f"本站无法检查的批注（{where} /{subtype}）"
    return None


def _walk(roots: list[tuple[object, str]]) -> None:
    """Every dictionary reachable from the roots, each judged; raises Unreadable on the first refused."""
    seen: set[int] = set()
    stack = list(reversed(roots))
    while stack:
        value, where = stack.pop()
        if isinstance(value, PDFObjRef):
            if value.objid in seen:
                continue
            seen.add(value.objid)
            if len(seen) > _LIMIT:
                raise Unreadable("对象过多的 PDF")
            value = value.resolve()
        if isinstance(value, PDFStream):
            value = value.attrs
        if isinstance(value, list):
            stack += [(item, where) for item in reversed(value)]
        elif isinstance(value, dict):
            reason = _refusal(value, where)
            if reason is not None:
                raise Unreadable(reason)
            deeper = where.count(" /") + where.startswith("/") < 3
            stack += [(item, f"{where} /{key}" if deeper else where) for key, item in value.items() if key not in _BACK]


def _fields(acroform, found: list[str]) -> None:
    stack = list(_resolved(acroform).get("Fields") or []) if acroform else []
    seen: set[int] = set()
    while stack:
        ref = stack.pop()
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue
            seen.add(ref.objid)
        field = _resolved(ref)
        if not isinstance(field, dict):
            continue
        found += [text for key in _FIELD_TEXTS for text in _strings(field.get(key))]
        stack += list(_resolved(field.get("Kids")) or [])


def _outline(outlines, found: list[str]) -> None:
    stack = [_resolved(outlines).get("First")] if isinstance(_resolved(outlines), dict) else []
    seen: set[int] = set()
    while stack:
        ref = stack.pop()
        if ref is None or (isinstance(ref, PDFObjRef) and ref.objid in seen):
            continue
        if isinstance(ref, PDFObjRef):
            seen.add(ref.objid)
        item = _resolved(ref)
        if not isinstance(item, dict):
            continue
        found += _strings(item.get("Title"))
        stack += [item.get("Next"), item.get("First")]


def _resolved(value):
    return value.resolve() if isinstance(value, PDFObjRef) else value


def pdf_texts(data: bytes) -> list[tuple[str, list[Piece]]]:
    """A PDF's texts by where they are; raises Unreadable for what cannot be read (see the module)."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            catalog = pdf.doc.catalog
            roots = [(value, f"/{key}") for key, value in catalog.items() if key != "Pages"]
            roots += [(page.page_obj.attrs, f"第 {number} 页") for number, page in enumerate(pdf.pages, 1)]
            _walk(roots)
            pages = [page.extract_text() or "" for page in pdf.pages]
            if not "".join(pages).strip():
                raise Unreadable("有文字层的 PDF")
            texts = [("在附件中", from_plain(text)) for text in pages]
            info = [str(value) for value in pdf.metadata.values()]
            texts.append(("在附件的文件属性中", [p for value in info for p in from_plain(value)]))
            xmp = _resolved(catalog.get("Metadata"))
            if isinstance(xmp, PDFStream):
                text = xml_text(xmp.get_data(), "XMP") or ""
                texts.append(("在附件的文件属性中", xml_pieces(text)))
            annotations = [
                decoded_url(text)
                for page in pdf.pages
                for annotation in page.annots
                for text in [str(annotation.get("uri") or "")]
                + [s for key in _ANNOTATION_TEXTS for s in _strings((annotation.get("data") or {}).get(key))]
            ]
            texts.append(("在附件的批注或链接中", [p for value in annotations for p in from_plain(value)]))
            marks: list[str] = []
            _outline(catalog.get("Outlines"), marks)
            texts.append(("在附件的书签中", [p for value in marks for p in from_plain(value)]))
            fields: list[str] = []
            _fields(catalog.get("AcroForm"), fields)
            texts.append(("在附件的表单中", [p for value in fields for p in from_plain(value)]))
    except Unreadable:
        raise
    except Exception as error:  # noqa: BLE001 - a damaged or encrypted PDF: it cannot be checked, which is the finding
        raise Unreadable("能打开的文件") from error
    return texts
