"""Portal sign-in is protected by the same lockout as the workspace (django-axes)."""

PASSWORD = "correct horse battery staple"


def test_portal_sign_in_pauses_after_five_wrong_passwords(client, seeker_user, settings):
    settings.AXES_ENABLED = True
    email = seeker_user.email
    for _ in range(5):
        client.post("/portal/sign-in/", {"email": email, "password": "wrong"})
    response = client.post("/portal/sign-in/", {"email": email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Signing in is paused" in response.content
    assert "_auth_user_id" not in client.session


def test_portal_sign_in_works_within_the_limit(client, seeker_user, settings):
    settings.AXES_ENABLED = True
    for _ in range(2):
        client.post("/portal/sign-in/", {"email": seeker_user.email, "password": "wrong"})
    response = client.post("/portal/sign-in/", {"email": seeker_user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(seeker_user.pk)
