"""County packs and enrollment files: self-signed, tamper-evident, carrying versioned resources."""

from __future__ import annotations

import pytest

from desktop.core.errors import UserError
from desktop.core.sync import container, enrollment


def test_county_pack_round_trip(county_keys):
    lists = [enrollment.Resource("divisions", "2024.2", "代码,名称\n131025100,平舒镇\n".encode())]
    forms = [enrollment.Resource("registration", "3", b"xlsx bytes")]
    pack = enrollment.read_county_pack(enrollment.build_county_pack(county_keys, "131025", "大城县", lists, forms))
    assert pack.county == "131025" and pack.name == "大城县"
    assert pack.keys == county_keys.public()
    assert pack.code_lists == tuple(lists) and pack.form_packs == tuple(forms)


def test_enrollment_round_trip(township_keys):
    data = enrollment.build_enrollment(township_keys, "131025100", "131025", "张三")
    enrolled = enrollment.read_enrollment(data)
    assert (enrolled.township, enrolled.clerk, enrolled.keys) == ("131025100", "张三", township_keys.public())
    with pytest.raises(UserError) as caught:
        enrollment.read_county_pack(data)
    assert caught.value.code == "wrong-file"


def test_every_byte_flip_of_an_enrollment_file_refused(township_keys):
    data = enrollment.build_enrollment(township_keys, "131025100", "131025", "clerk")
    for index in range(len(data)):
        damaged = bytearray(data)
        damaged[index] ^= 0x20
        with pytest.raises(UserError):
            enrollment.read_enrollment(bytes(damaged))


def test_pack_signed_by_another_key_refused(county_keys, township_keys):
    good = enrollment.build_county_pack(county_keys, "131025", "x")
    members = container.read_container(good, (enrollment.DOCUMENT, enrollment.DOCUMENT_SIG))
    resigned = township_keys.sign(members[enrollment.DOCUMENT], enrollment.NAMESPACE).encode()
    forged = container.write_container([(enrollment.DOCUMENT, members[enrollment.DOCUMENT]),
                                        (enrollment.DOCUMENT_SIG, resigned)])
    with pytest.raises(UserError) as caught:
        enrollment.read_county_pack(forged)
    assert caught.value.code == "not-self-signed"


def test_versions_compare_numerically():
    assert enrollment.version_key("2024.10") > enrollment.version_key("2024.9") > enrollment.version_key("2024")
