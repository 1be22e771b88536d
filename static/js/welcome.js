// The onboarding's calendar step: pre-select the browser's time zone (the user confirms by
// saving) and the public holidays of that zone's country. Without JavaScript the selects are
// there to choose from by hand.
(() => {
  const zone = document.getElementById("id_time_zone");
  const holidays = document.getElementById("id_holiday_country");
  const note = document.getElementById("zone-detected");
  const data = document.getElementById("zone-countries");
  if (!zone) return;
  const countries = data ? JSON.parse(data.textContent) : {};

  // Fill the holiday choice while it is empty or was filled here; never overwrite the user's.
  let filledHere = false;
  const followZone = () => {
    if (!holidays || (holidays.value && !filledHere)) return;
    const country = countries[zone.value] || "";
    if (!country || holidays.querySelector(`option[value="${country}"]`)) {
      holidays.value = country;
      filledHere = true;
    }
  };
  if (holidays) holidays.addEventListener("change", () => { filledHere = false; });

  let detected = "";
  try {
    detected = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    detected = "";
  }
  const known = detected && [...zone.options].some((option) => option.value === detected);
  if (known && zone.value === "UTC" && detected !== "UTC") {
    zone.value = detected;
    followZone();
    if (note) {
      note.textContent = `Your browser says you're in ${detected.replaceAll("_", " ")}: check it, then save.`;
      note.hidden = false;
    }
  }
  zone.addEventListener("change", followZone);
})();
