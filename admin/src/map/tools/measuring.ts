/** Whether a measuring tool holds the map's clicks (the map page then does not select shapes). */
let active = false;
export const isMeasuring = () => active;
export const setMeasuring = (v: boolean) => {
  active = v;
};
