"""Realistic, reproducible demo data for the reports app (`manage.py seed_demo_data`).

Never imported by the portal itself: only the command uses it.
"""
