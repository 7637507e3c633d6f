"""`township hub serve --tls-cert --tls-key`: HTTPS from the operator's certificate.

A real serve process with a certificate made here for 127.0.0.1 (as an operator's own CA would
issue one): the signed health answer comes over HTTPS and verifies; a client that does not trust
the certificate, and a plain-HTTP client, get nothing; a key that is not the certificate's, a
missing file and one of the two options alone are each one line at start.
"""

from __future__ import annotations

import ipaddress
import ssl
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from desktop.core.sync import hub_health
from desktop.core.sync.keys import load_keys
from tests.hub import served


def _certificate(folder, name="hub"):
    """A self-signed certificate for 127.0.0.1 and its key, as PEM files."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hub.test")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file, key_file = folder / f"{name}.crt", folder / f"{name}.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@pytest.fixture
def hub_keys(cli, hub_db, tmp_path):
    keys = tmp_path / "keys"
    assert cli("hub", "init", "--db", hub_db, "--province", "13", "--keys", keys).code == 0
    return keys


def test_the_hub_serves_its_signed_health_over_https(hub_db, hub_keys, tmp_path):
    cert, key = _certificate(tmp_path)
    trusting = ssl.create_default_context(cafile=str(cert))
    process, url = served.start(hub_db, hub_keys, "--tls-cert", str(cert), "--tls-key", str(key), tls=trusting)
    try:
        assert url.startswith("https://")
        with urllib.request.urlopen(url + "/health?nonce=tls-1", timeout=10, context=trusting) as answer:
            body, content_type = answer.read(), answer.headers["Content-Type"]
            header = answer.headers[hub_health.HEADER]
        document = hub_health.check_health(body, content_type, header,
                                           load_keys(hub_keys).signing_key.public_key(), nonce="tls-1")
        assert document["province"] == "13"
        # a client that does not trust the certificate refuses the connection
        with pytest.raises(urllib.error.URLError) as untrusted:
            urllib.request.urlopen(url + "/health", timeout=10, context=ssl.create_default_context())
        assert isinstance(untrusted.value.reason, ssl.SSLCertVerificationError)
        # and plain HTTP to the TLS port gets no answer from the hub
        with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
            urllib.request.urlopen(url.replace("https://", "http://") + "/health", timeout=10).read()
    finally:
        log = served.stop(process)
    assert "listening on https://127.0.0.1:" in log or process.returncode is not None


def test_tls_options_that_cannot_work_are_one_line_at_start(cli, hub_db, hub_keys, tmp_path):
    cert, _key = _certificate(tmp_path, "hub")
    _other_cert, other_key = _certificate(tmp_path, "other")
    serve = ("hub", "serve", "--db", hub_db, "--keys", hub_keys, "--listen", f"127.0.0.1:{served.free_port()}")
    mismatched = cli(*serve, "--tls-cert", cert, "--tls-key", other_key)
    assert mismatched.code == 1 and "the certificate and key cannot be used" in mismatched.err
    assert len(mismatched.err.strip().splitlines()) == 1
    missing = cli(*serve, "--tls-cert", tmp_path / "none.crt", "--tls-key", other_key)
    assert missing.code == 1 and "cannot read" in missing.err and "none.crt" in missing.err
    alone = cli(*serve, "--tls-cert", cert)
    assert alone.code == 1 and "--tls-cert and --tls-key go together" in alone.err
