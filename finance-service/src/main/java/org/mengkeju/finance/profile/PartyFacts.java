package org.mengkeju.finance.profile;

/** What another service says about who an enterprise is: its name, credit code and league-city. */
record PartyFacts(String name, String creditCode, String regionCode) {
}
