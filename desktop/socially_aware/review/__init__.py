"""Review what the person already posted: their platforms' data downloads and draft text -> findings.

No Qt here. `service.review_paths` reads archives (zip files or unpacked folders) with the readers
in `readers.READERS`, runs the detectors in `detect`, and returns findings that say what was found,
why it matters (a policy section), where it is and what to do. `draft.check_draft` runs the same
detectors, and the policy's list of unacceptable content, over a post before it is posted.
"""
