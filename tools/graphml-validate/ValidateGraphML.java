import java.io.File;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXParseException;

/**
 * Validates GraphML files against the GraphML XML Schema found on the class path (graphml.xsd, which imports
 * xlink.xsd). Prints "valid <file>" or "invalid <file>: <line>:<column> <message>" per file; exits 1 if any is invalid.
 */
public final class ValidateGraphML {
  public static void main(String[] files) throws Exception {
    URL schemaUrl = ValidateGraphML.class.getClassLoader().getResource("graphml.xsd");
    if (schemaUrl == null) throw new IllegalStateException("graphml.xsd is not on the class path");
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Schema schema = factory.newSchema(schemaUrl);
    boolean allValid = true;
    for (String file : files) {
      Validator validator = schema.newValidator();
      try {
        validator.validate(new StreamSource(new File(file)));
        System.out.println("valid " + file);
      } catch (SAXParseException error) {
        allValid = false;
        System.out.println("invalid " + file + ": " + error.getLineNumber() + ":" + error.getColumnNumber() + " " + error.getMessage());
      }
    }
    System.exit(allValid ? 0 : 1);
  }
}
