"""Unreadable: why a clerk's file cannot be imported, and what to do, in Chinese.

Its own module so that the dispatcher (studysite.importer.officefiles) and the readers it calls (studysite.importer.docxread,
studysite.importer.pdfread) share one exception without importing each other.
"""

from __future__ import annotations


class Unreadable(Exception):
    """Why a file cannot be imported, and what the clerk can do, in Chinese."""
