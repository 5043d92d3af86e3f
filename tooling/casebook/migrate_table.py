"""Where each first-wave case's free-text ``organization.region`` went in format v2.

One entry per case of the v1 corpus, filled by reading each file's region text, summary and
events: ``organization.country`` is the organization's home country; ``regions`` lists the
countries the case names as places where customers were harmed, or ``global`` alone where the
case says the harm was worldwide (its region text says "global", or its text says "worldwide").
Each entry keeps the region text it was made for: a file whose text has changed since is not
migrated from a guess but sent back to its author.
"""

from __future__ import annotations

from typing import NamedTuple


class RegionMapping(NamedTuple):
    """The v1 region text of one case and its v2 replacement."""

    region: str
    country: str
    regions: tuple[str, ...]


_US = ("US",)
_GLOBAL = ("global",)

# fmt: off
TABLE: dict[str, RegionMapping] = {
    "1982-johnson-johnson-tylenol": RegionMapping("United States", "US", _US),
    # Recalled 160 million bottles worldwide.
    "1990-perrier-benzene": RegionMapping("France, United States, global", "FR", _GLOBAL),
    "1993-pepsi-syringe-hoax": RegionMapping("United States", "US", _US),
    # Flawed chips sold worldwide; apology advertisements ran worldwide.
    "1994-intel-pentium-fdiv": RegionMapping("United States and global", "US", _GLOBAL),
    # The events name Saudi Arabia, Malaysia and Thailand besides the US recall; "neighbouring
    # states" and "Latin America" name no country, so none is added for them.
    "2000-bridgestone-firestone-ford": RegionMapping(
        "United States (with earlier replacements in the Gulf states, Asia and Latin America)", "US", ("MY", "SA", "TH", "US")
    ),
    "2005-dell-hell": RegionMapping("United States", "US", _US),
    "2005-sony-bmg-rootkit": RegionMapping("United States and global", "US", _GLOBAL),
    "2006-comcast-sleeping-technician": RegionMapping("United States", "US", _US),
    "2006-walmart-fake-blog": RegionMapping("United States", "US", _US),
    "2007-facebook-beacon": RegionMapping("United States and global", "US", _GLOBAL),
    "2007-jetblue-valentines-storm": RegionMapping("United States", "US", _US),
    "2008-maple-leaf-listeria": RegionMapping("Canada", "CA", ("CA",)),
    "2008-mcneil-motrin-moms": RegionMapping("United States", "US", _US),
    "2009-amazon-kindle-1984": RegionMapping("United States", "US", _US),
    "2009-dominos-prank-video": RegionMapping("United States", "US", _US),
    "2009-maytag-dooce": RegionMapping("United States", "US", _US),
    # Vehicles recalled worldwide; the pedal fix went to Europe and Canada first.
    "2009-toyota-unintended-acceleration": RegionMapping("United States (global recalls)", "JP", _GLOBAL),
    "2009-united-breaks-guitars": RegionMapping("United States", "US", _US),
    # BP plc is British; the spill harmed the US Gulf coast.
    "2010-bp-deepwater-horizon": RegionMapping("United States (Gulf of Mexico)", "GB", _US),
    "2010-google-buzz": RegionMapping("United States and global", "US", _GLOBAL),
    "2011-bank-of-america-debit-fee": RegionMapping("United States", "US", _US),
    "2011-netflix-qwikster": RegionMapping("United States", "US", _US),
    "2012-instagram-terms": RegionMapping("United States and global", "US", _GLOBAL),
    # Canadian stores were not affected, the case says.
    "2013-target-data-breach": RegionMapping("United States", "US", _US),
    "2014-gm-ignition-switch": RegionMapping("United States", "US", _US),
    "2015-chipotle-outbreaks": RegionMapping("United States", "US", _US),
    # Inflators recalled and deaths counted worldwide; bankruptcy in Japan and the US.
    "2015-takata-airbags": RegionMapping("global", "JP", _GLOBAL),
    # 11 million diesel cars worldwide.
    "2015-volkswagen-dieselgate": RegionMapping("United States and global", "DE", _GLOBAL),
    "2016-microsoft-tay": RegionMapping("United States", "US", _US),
    # A worldwide exchange of about 2.5 million phones.
    "2016-samsung-galaxy-note7": RegionMapping("Global (South Korea, United States and other markets)", "KR", _GLOBAL),
    "2016-wells-fargo-fake-accounts": RegionMapping("United States", "US", _US),
    "2017-apple-battery-throttling": RegionMapping("United States and global", "US", _GLOBAL),
    "2017-equifax-breach": RegionMapping("United States", "US", _US),
    "2017-gitlab-database-outage": RegionMapping("global", "US", _GLOBAL),
    "2017-united-express-3411": RegionMapping("United States", "US", _US),
    "2018-kfc-uk-chicken-shortage": RegionMapping("United Kingdom and Ireland", "GB", ("GB", "IE")),
    "2018-starbucks-philadelphia-arrests": RegionMapping("United States", "US", _US),
    "2018-tsb-it-migration": RegionMapping("United Kingdom", "GB", ("GB",)),
    # Crashes in Indonesia and Ethiopia; the global fleet grounded.
    "2019-boeing-737-max": RegionMapping("United States and global", "US", _GLOBAL),
    "2021-peloton-tread-plus": RegionMapping("United States", "US", _US),
    "2022-okta-lapsus-breach": RegionMapping("global", "US", _GLOBAL),
    "2022-optus-data-breach": RegionMapping("Australia", "AU", ("AU",)),
    "2022-rogers-national-outage": RegionMapping("Canada", "CA", ("CA",)),
    "2022-southwest-holiday-meltdown": RegionMapping("United States", "US", _US),
    "2023-unity-runtime-fee": RegionMapping("global", "US", _GLOBAL),
    "2024-air-canada-chatbot": RegionMapping("Canada", "CA", ("CA",)),
    # About 8.5 million Windows machines crashed worldwide.
    "2024-crowdstrike-channel-file-291": RegionMapping("global", "US", _GLOBAL),
}
# fmt: on
