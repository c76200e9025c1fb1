import pytest

from campaign.submissions.flags import (
    PERSONAL,
    RISK,
    flag_texts,
    nhs_number_is_valid,
    normalise,
    personal_data_flags,
    risk_flags,
)


def labels(flags):
    return {(f.label, f.match) for f in flags}


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137"])
def test_valid_nhs_numbers_pass_modulus_11(number):
    assert nhs_number_is_valid(number)


@pytest.mark.parametrize("number", ["943 476 5918", "1234567890", "0000000000", "12345", "943 476 59190"])
def test_invalid_nhs_numbers_fail(number):
    assert not nhs_number_is_valid(number)


def test_nhs_number_flagged_only_when_check_digit_passes():
    assert ("NHS number", "943 476 5919") in labels(personal_data_flags("My number is 943 476 5919."))
    assert not [f for f in personal_data_flags("Reference 943 476 5918.") if f.label == "NHS number"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Email me on jo.bloggs+spd@example.co.uk please", "Email address"),
        ("Ring me on 07700 900123", "Phone number"),
        ("or +44 7700 900123", "Phone number"),
        ("landline (0191) 496 0000", "Phone number"),
        ("We live near NE1 4ST now", "Postcode"),
        ("postcode sw1a 1aa", "Postcode"),
        ("find me @maureen_walks", "Social media handle"),
        ("my GP, Dr Amelia Hughes, listened", "Possible name"),
        ("my link worker, Sarah Jones, came along", "Possible name"),
        ("My social worker Tom suggested it", "Possible name"),
        ("Dr. Patel referred me", "Possible name"),
        ("a link worker called Sarah Jones", "Possible name"),
        ("we walked with Anna Smith by the canal", "Possible name"),
        ("Nurse Okafor was kind", "Possible name"),
        ("she is named Bethan", "Possible name"),
        ("On Tuesday Mark Evans rang me", "Possible name"),
    ],
)
def test_personal_data_true_positives(text, label):
    assert label in {f.label for f in personal_data_flags(text)}


@pytest.mark.parametrize(
    "text",
    [
        "I went to my GP surgery and my link worker came too.",
        "Call Samaritans on 116 123 or NHS 111, or 999 in an emergency.",
        "We met at 10am on 12 March 2027 for 2 hours.",
        "I walked 5000 steps.",
        "my link worker and I went together",
        "The group has 40 members and meets in Room 12.",
    ],
)
def test_personal_data_false_positives_are_not_flagged(text):
    assert personal_data_flags(text) == []


def test_email_is_not_also_a_handle():
    flags = personal_data_flags("write to jo@example.org")
    assert [f.label for f in flags] == ["Email address"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("I thought about suicide last winter", "Suicide"),
        ("I wanted to end my life", "Suicide"),
        ("I didn't want to be here any more", None),
        ("I was self-harming", "Self-harm"),
        ("I used to hurt myself", "Self-harm"),
        ("after an overdose", "Self-harm"),
        ("I left an abusive relationship", "Abuse"),
        ("domestic violence", "Abuse"),
        ("I was in crisis", "Crisis"),
        ("I couldn't cope and felt unsafe", "Crisis"),
    ],
)
def test_risk_true_positives(text, label):
    flags = risk_flags(text)
    assert flags, text
    if label:
        assert label in {f.label for f in flags}


@pytest.mark.parametrize(
    "text",
    [
        "The allotment changed my life for the better.",
        "I love the walking group and the choir.",
        "My life feels fuller now.",
        "The crisp packet blew away.",
        "Christmas was lovely this year.",
    ],
)
def test_risk_false_positives(text):
    assert risk_flags(text) == []


def test_flag_texts_records_where_and_kind():
    result = flag_texts([("Title", "Call 07700 900123"), ("What happened", "thoughts of suicide")])
    assert [(f.kind, f.where) for f in result.personal] == [(PERSONAL, "Title")]
    assert [(f.kind, f.where) for f in result.risk] == [(RISK, "What happened")]
    assert result.summary() == "possible risk of harm (1), possible personal data (1)"
    assert "07700" not in result.summary()


@pytest.mark.parametrize(
    "text, label, match",
    [
        ("Ring 07700\u200b900123", "Phone number", "07700900123"),  # zero-width space
        ("Ring 0770\u200d0 900\u2060123", "Phone number", "07700 900123"),  # zero-width joiner, word joiner
        ("Ring \uff10\uff17\uff17\uff10\uff10 \uff19\uff10\uff10\uff11\uff12\uff13", "Phone number", "07700 900123"),
        ("Ring O77OO 9OO123", "Phone number", "07700 900123"),  # letter O for zero
        ("Ring 0770O 9l0123", "Phone number", "07700 910123"),  # l for one
        ("mail jo\u200b@example\u200b.org", "Email address", "jo@example.org"),
        ("mail jo\uff20example.org", "Email address", "jo@example.org"),  # full-width at sign
        ("NHS 943\u00ad476\u00ad5919", "NHS number", "9434765919"),  # soft hyphens
    ],
)
def test_disguised_personal_data_is_still_flagged(text, label, match):
    assert (label, match) in labels(personal_data_flags(text))


def test_normalising_leaves_ordinary_words_alone():
    assert normalise("lol I said Ooh, 10 o'clock") == "lol I said Ooh, 10 o'clock"
    assert normalise("Room I2 and 5O0 steps") == "Room 12 and 500 steps"


@pytest.mark.parametrize(
    "text",
    [
        "We meet at St Mary's Church Hall every Thursday.",
        "Age UK and Citizens Advice helped with my benefits.",
        "The walking group meets outside Leeds General Infirmary.",
    ],
)
def test_capitalised_places_and_organisations_are_not_names(text):
    assert [f for f in personal_data_flags(text) if f.label == "Possible name"] == []
