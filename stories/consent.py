"""The exact words storytellers agree to. The wording is stored with each submission.

Change the wording here (never edit stored submissions): each record keeps the words that
were on the screen when that person ticked the box, and when.
"""

PUBLISH = "publish"
CAMPAIGN = "campaign"
AGE = "age"
OWN_STORY = "own_story"

WORDING = {
    PUBLISH: (
        "I agree that Social Prescribing Day may publish my story on this website, after a "
        "moderator has read it and removed anything that could identify me or others."
    ),
    CAMPAIGN: (
        "I also agree that my story may be used in Social Prescribing Day campaign materials and "
        "on social media. (Optional: leaving this unticked does not stop your story being published here.)"
    ),
    AGE: "I am 16 or over, or a parent or guardian has agreed to me sharing this story.",
    OWN_STORY: (
        "This story is mine to tell, or the people in it have agreed to me sharing it."
    ),
}
