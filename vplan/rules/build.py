"""Codes about files the documents embed, documented here (images: reported by the
prose walk of vplan.rules.content at check; logos: by vplan build)."""
from vplan.rules import rule


@rule("VP901", "bild-utanfor-arkivet", check=False)
def image_outside():
    """En bild i planen ligger utanför arkivet, finns inte, hämtas från webben eller är ingen bild.

    Varför: dokumenten ska kunna byggas likadant varje gång, av vem som helst, och
    aldrig läsa filer utanför arkivet. Bilder ska vara PNG, JPEG, GIF eller SVG;
    en SVG-bild får inte innehålla skript eller hämta något från andra filer eller webben.

    Fel:
        ![Karta över länet](/home/anna/Skrivbord/karta.png)
        ![Karta över länet](../../karta.png)
        ![Karta över länet](https://example.org/karta.png)
    Rätt:
        ![Karta över länet](bilder/karta.png)
    """


@rule("VP902", "logotyp-utanfor-arkivet", check=False)
def logo_outside():
    """Husstilens logotyp är en länk som leder ut ur arkivet.

    Varför: en husstil ska bära sin egen logotyp, så att dokumenten ser likadana ut
    på alla datorer. Rapporteras av vplan build.

    Fel:
        templates/min-region/logotyp.svg -> /home/anna/logotyp.svg
    Rätt:
        templates/min-region/logotyp.svg (en vanlig fil i husstilens mapp)
    """
