"""Lesson 6: the searchable FAQ and the course review.

- ``model``        pure: FAQ entries joined with their backing records, search (case- and accent-insensitive), HTML
- ``review``       pure: which questions the review asks first, read from the progress store
- ``faq_view``     ``FAQ``: a search box, a live count and the matching questions with fold-out answers
- ``review_view``  ``CourseReview``: a self-check over every bank, wrong and untried questions first,
                   then the course-wide progress table and the hand-in of every answer
"""
