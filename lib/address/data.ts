/**
 * The offline provider's addresses: real Danish street names in their real postal districts
 * (postal code and town exactly as PostNord writes them), expanded into dwellings, plus the demo
 * tenants' addresses of lib/demo/seed.ts (2150 Nordhavn). The house numbers, floors and doors are
 * plausible, not a copy of the address register: this is for development, demo and tests, not for
 * checking that a real address exists. No person is named here.
 *
 * One line per street: postal code | town | street | house numbers | floors | doors, with lists
 * separated by commas and "-" for "none" (a house without floors or doors).
 */
import "server-only";

export const ADDRESS_LINES = `
# demo tenants (lib/demo/seed.ts)
2150|Nordhavn|Havnegade|1|1|tv
2150|Nordhavn|Havnegade|1|2|th
2150|Nordhavn|Havnegade|3|st|-
2150|Nordhavn|Havnegade|5|1|-
2150|Nordhavn|Havnegade|7|1|tv,th
2150|Nordhavn|Havnegade|9|2|tv,th
2150|Nordhavn|Havnegade|11|st|tv
2150|Nordhavn|Havnegade|13|1|tv
2150|Nordhavn|Havnegade|13|2|th
2150|Nordhavn|Havnegade|15|st|th
2150|Nordhavn|Havnegade|15|1|tv
2150|Nordhavn|Havnegade|17|1|th
2150|Nordhavn|Havnegade|17|2|tv
2150|Nordhavn|Havnegade|19|2|tv
2150|Nordhavn|Kajgade|2|1|tv
2150|Nordhavn|Ungbovej|4|-|-
2150|Nordhavn|Solbakken|10|3|mf
# København K
1051|København K|Nyhavn|12,17,31|st,1,2|-
1123|København K|Gothersgade|8,14,35|st,1,2,3|tv,th
1150|København K|Købmagergade|7,22,52|1,2,3|-
1165|København K|Nørregade|10,20,31|1,2,3|tv,th
1171|København K|Fiolstræde|4,17|1,2|-
1172|København K|Krystalgade|7,14|st,1,2|tv,th
1264|København K|Store Kongensgade|40,72,110|st,1,2,3,4|tv,th
1300|København K|Borgergade|9,17,28|st,1,2,3|tv,th
1455|København K|Studiestræde|6,19,33|1,2,3|tv,th
1456|København K|Vestergade|5,18|1,2|-
1459|København K|Frederiksberggade|3,16|1,2|-
# København V
1610|København V|Gammel Kongevej|5,23,47|st,1,2,3,4|tv,th
1619|København V|Værnedamsvej|2,9|st,1,2|tv,th
1620|København V|Vesterbrogade|12,40,75,102|st,1,2,3,4,5|tv,th
1650|København V|Istedgade|6,44,90,118|st,1,2,3,4|tv,mf,th
1720|København V|Sønder Boulevard|14,60,101|st,1,2,3,4|tv,th
# København Ø
2100|København Ø|Østerbrogade|20,56,102,150|st,1,2,3,4,5|tv,th
2100|København Ø|Classensgade|11,36,61|st,1,2,3,4|tv,th
2100|København Ø|Strandboulevarden|18,87,122|st,1,2,3,4,5|tv,mf,th
2100|København Ø|Nordre Frihavnsgade|3,21,50|st,1,2,3|tv,th
2100|København Ø|Willemoesgade|9,42|st,1,2,3|tv,th
2100|København Ø|Rosenvængets Allé|15,32|st,1,2|-
2100|København Ø|Odensegade|6,19|st,1,2,3|tv,th
# København N
2200|København N|Nørrebrogade|34,88,152,210|st,1,2,3,4,5|tv,th
2200|København N|Blågårdsgade|5,17,30|st,1,2,3,4|tv,th
2200|København N|Elmegade|4,16,27|st,1,2,3|tv,th
2200|København N|Griffenfeldsgade|12,41|st,1,2,3,4|tv,th
2200|København N|Jagtvej|55,105,155|st,1,2,3,4|tv,th
2200|København N|Sankt Hans Gade|7,22|st,1,2,3|tv,th
2200|København N|Ravnsborggade|3,14|st,1,2,3|tv,th
2200|København N|Fælledvej|10,19|st,1,2,3|tv,th
# København S, SV, NV
2300|København S|Amagerbrogade|25,77,140,199|st,1,2,3,4|tv,th
2300|København S|Holmbladsgade|12,70|st,1,2,3|tv,th
2300|København S|Englandsvej|8,51|st,1,2|tv,th
2300|København S|Italiensvej|3,28|-|-
2300|København S|Øresundsvej|6,120|st,1,2,3|tv,th
2400|København NV|Frederikssundsvej|30,74,118|st,1,2,3,4|tv,th
2400|København NV|Rentemestervej|8,21|st,1,2,3|tv,th
2400|København NV|Tomsgårdsvej|15,34|st,1,2,3|tv,th
2450|København SV|Borgbjergsvej|4,12|st,1,2,3,4|tv,mf,th
2450|København SV|Mozartsvej|9,27|st,1,2,3|tv,th
2450|København SV|Sydhavns Plads|1,11|st,1,2,3|tv,th
# Frederiksberg, Valby, Vanløse, Lyngby
2000|Frederiksberg|Falkoner Allé|14,53,96|st,1,2,3,4,5|tv,th
2000|Frederiksberg|Godthåbsvej|10,43,82|st,1,2,3|tv,th
2000|Frederiksberg|Howitzvej|5,31|st,1,2,3,4|tv,th
2000|Frederiksberg|Smallegade|4,29|st,1,2,3|tv,th
2000|Frederiksberg|Peter Bangs Vej|20,61|st,1,2,3|tv,th
2500|Valby|Valby Langgade|30,88,142|st,1,2,3|tv,th
2500|Valby|Toftegårds Allé|7,39|st,1,2,3,4|tv,th
2500|Valby|Gammel Køge Landevej|55,110|st,1,2,3|tv,th
2720|Vanløse|Jernbane Allé|21,66|st,1,2,3|tv,th
2720|Vanløse|Vanløse Allé|10,48|-|-
2800|Kongens Lyngby|Lyngby Hovedgade|12,45,70|st,1,2|tv,th
2800|Kongens Lyngby|Klampenborgvej|18,221|-|-
# Sjælland
3000|Helsingør|Stengade|9,44|st,1,2|-
3000|Helsingør|Bramstræde|3,12|-|-
4000|Roskilde|Algade|8,31|st,1,2|tv,th
4000|Roskilde|Skomagergade|12,40|1,2|-
4000|Roskilde|Hersegade|5,21|st,1,2|tv,th
4700|Næstved|Axeltorv|2,7|1,2|-
4700|Næstved|Ringstedgade|14,58|st,1,2|tv,th
# Fyn
5000|Odense C|Vestergade|17,45,80|st,1,2,3|tv,th
5000|Odense C|Kongensgade|22,53|st,1,2,3|tv,th
5000|Odense C|Overgade|9,36|st,1,2|tv,th
5000|Odense C|Albanigade|14,40|st,1,2,3|tv,th
5000|Odense C|Jernbanegade|5,18|1,2,3|-
5000|Odense C|Nørregade|31,64|st,1,2,3|tv,th
# Jylland
6000|Kolding|Låsbygade|20,47|st,1,2|tv,th
6000|Kolding|Jernbanegade|11,30|1,2|-
6700|Esbjerg|Kongensgade|25,68|st,1,2|tv,th
6700|Esbjerg|Torvegade|12,41|st,1,2,3|tv,th
6700|Esbjerg|Skolegade|9,33|1,2|-
7100|Vejle|Søndergade|4,22|1,2|-
7100|Vejle|Nørregade|15,40|st,1,2|tv,th
7100|Vejle|Dæmningen|8,36|1,2,3|-
7400|Herning|Bredgade|10,42|1,2|-
8000|Aarhus C|Åboulevarden|12,28,45,70|st,1,2,3,4|tv,th
8000|Aarhus C|Søndergade|9,33,55|1,2,3|-
8000|Aarhus C|Ryesgade|6,19,31|st,1,2,3|tv,th
8000|Aarhus C|Frederiksgade|20,72|st,1,2,3|tv,th
8000|Aarhus C|Mejlgade|14,48,90|st,1,2,3|tv,th
8000|Aarhus C|Nørregade|22,51|st,1,2,3|tv,th
8000|Aarhus C|Jægergårdsgade|17,84,130|st,1,2,3|tv,th
8000|Aarhus C|Frederiks Allé|26,105|st,1,2,3,4|tv,th
8000|Aarhus C|Klostergade|7,39|st,1,2|tv,th
8000|Aarhus C|Park Allé|5,15|1,2,3|-
8200|Aarhus N|Randersvej|42,118,210|st,1,2,3|tv,th
8700|Horsens|Søndergade|18,44|1,2|-
8900|Randers C|Torvegade|5,20|1,2|-
8900|Randers C|Brødregade|11,26|st,1,2|tv,th
9000|Aalborg|Boulevarden|13,30|st,1,2,3,4|tv,th
9000|Aalborg|Vesterbro|22,62,98|st,1,2,3,4|tv,th
9000|Aalborg|Jomfru Ane Gade|5,16|1,2|-
9000|Aalborg|Bispensgade|9,34|1,2,3|-
9000|Aalborg|Algade|17,48|st,1,2|tv,th
9000|Aalborg|Danmarksgade|12,40|st,1,2,3|tv,th
9000|Aalborg|Østerågade|6,25|1,2,3|-
9400|Nørresundby|Torvet|1,4|1,2|-
9700|Brønderslev|Algade|15,52|st,1|tv,th
`;
