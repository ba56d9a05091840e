// Read access to a submitted data form's values, with the checks every command needs.
package coop.warden.adhoc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/** The values an admin submitted; blank values count as absent. */
public final class Submission {
    private final DataForm form;

    Submission(DataForm form) {
        this.form = form;
    }

    /** For commands without a form. */
    static Submission empty() {
        return new Submission(new DataForm(DataForm.Type.submit));
    }

    /** The field's first value, stripped; empty when absent or blank. */
    public Optional<String> text(String var) {
        FormField f = form.getField(var);
        if (f == null) {
            return Optional.empty();
        }
        List<String> values = f.getValues();
        return values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0))
                .map(String::strip).filter(v -> !v.isEmpty());
    }

    /** Every non-blank value of the field (a text-multi's lines), stripped; empty when absent. */
    public List<String> values(String var) {
        FormField f = form.getField(var);
        if (f == null) {
            return List.of();
        }
        return f.getValues().stream().filter(v -> v != null).flatMap(v -> v.lines()).map(String::strip)
                .filter(v -> !v.isEmpty()).toList();
    }

    public String requiredText(String var, String label) throws BadInputException {
        return text(var).orElseThrow(() -> new BadInputException("“" + label + "” is required."));
    }

    /** XEP-0004 booleans: 1/true/0/false; absent is false. */
    public boolean bool(String var, String label) throws BadInputException {
        Optional<String> v = text(var);
        if (v.isEmpty()) {
            return false;
        }
        switch (v.get().toLowerCase(Locale.ROOT)) {
            case "1", "true":
                return true;
            case "0", "false":
                return false;
            default:
                throw new BadInputException("“" + label + "” must be true or false, not “" + v.get() + "”.");
        }
    }
}
