"""Evaluation of onrecord against annotated corpora (see ``onrecord.evaluate.polnear``)."""
