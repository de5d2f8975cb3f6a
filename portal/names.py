"""A staff member's name as Vietnamese write it: family name first, "Nguyễn Văn An".

Django's fields are English-shaped: `last_name` ("Họ" on the user page) holds the
family name (Nguyễn), `first_name` ("Tên") the middle and given names (Văn An).
`get_full_name()` puts them the English way round ("Văn An Nguyễn"); every screen
that names a staff member uses `full_name` instead, and the username when the
account has no name.
"""


def full_name(user):
    """ "Nguyễn Văn An"; the username without a name; "" for nobody."""
    if user is None:
        return ""
    name = " ".join(part.strip() for part in (user.last_name, user.first_name) if part.strip())
    return name or user.get_username()
