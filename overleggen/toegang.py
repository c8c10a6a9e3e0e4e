"""Which roles work with the meeting structure, and how."""

# Who watches compliance (art. 4, 6.3): the area's safety manager and the register keepers.
NALEVING_ROLLEN = {"veiligheidsmanager", "projectleider", "beheerder"}
# Who records the school meetings (6.1, 6.2): the school's coordinator and its police contact.
SCHOOLOVERLEG_ROLLEN = {"coordinator_veiligheid", "politie_contactpersoon"}
PLANNERS = NALEVING_ROLLEN | SCHOOLOVERLEG_ROLLEN | {"politie_operationeel_expert"}
