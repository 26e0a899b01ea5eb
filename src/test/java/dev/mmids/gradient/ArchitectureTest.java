package dev.mmids.gradient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The math knows nothing of the web. */
@AnalyzeClasses(packages = "dev.mmids.gradient", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theBackpropPackageDependsOnNoSpringOrJacksonClass = noClasses()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework..", "tools.jackson..", "com.fasterxml.jackson..", "jakarta..");

    @ArchTest
    static final ArchRule theBackpropPackageUsesOnlyTheJdkEjmlAndBlas = classes()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("dev.mmids.gradient.backprop..", "java..", "org.ejml..", "dev.ludovic.netlib.blas..");

    @ArchTest
    static final ArchRule theBackpropPackageDoesNotKnowTheWeb = noClasses()
            .that()
            .resideInAPackage("..backprop..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..web..");
}
