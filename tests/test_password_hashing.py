from django.contrib.auth.hashers import Argon2PasswordHasher

from luoshi import settings as configured


def test_argon2_is_the_configured_password_hasher() -> None:
    # Read the settings module itself: tests swap in a fast hasher at run time.
    assert configured.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_argon2_hashes_and_verifies() -> None:
    hasher = Argon2PasswordHasher()
    encoded = hasher.encode("a-long-Passw0rd!", hasher.salt())
    assert encoded.startswith("argon2$")
    assert hasher.verify("a-long-Passw0rd!", encoded)
    assert not hasher.verify("wrong", encoded)
