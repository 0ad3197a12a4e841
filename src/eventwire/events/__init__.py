"""Events: PLOVER-coded happenings with roles, place, date, modality, attribution and ACLED types.

`detect.find_events` finds them on a parsed document (the `eventwire_events` component in
`component.py`); `acled.py` maps them to ACLED types and `when.py` dates them.
"""
