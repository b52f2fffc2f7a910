import { cloneElement, type ReactElement, useId } from "react";

/** A label tied to its control by id, so the control's accessible name is the label alone. */
export const Field = ({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactElement<{ id?: string }>;
  className?: string;
}) => {
  const id = useId();
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
};
