"""The match recommender: openings for each job seeker, with reasons.

Load -> compute -> save: `selectors` load plain arrays, the pure modules (`filters`,
`features`, `score`, `reasons`, `engine`, `fit`) compute with numpy/scipy/scikit-learn
and never touch the ORM, and `services` store the results in bulk.
"""
